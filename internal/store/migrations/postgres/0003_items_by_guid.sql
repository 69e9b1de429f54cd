CREATE INDEX items_partner_guid ON items (partner_id, update_guid);
DROP INDEX items_update;
