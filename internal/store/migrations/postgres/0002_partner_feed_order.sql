CREATE INDEX items_partner_feed ON items (partner_id, published DESC, update_key, position, kind);
DROP INDEX items_partner_published;
