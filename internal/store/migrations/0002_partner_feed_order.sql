-- A partner's items in feed order, with their kind, so that a query over a
-- list of partners (a tag) reads each partner's newest few entries off this
-- index alone and stops, instead of reading and sorting all their items.
-- It takes the place of items_partner_published, whose leading columns it
-- has.
CREATE INDEX items_partner_feed ON items (partner_id, published DESC, update_key, position, kind);
DROP INDEX items_partner_published;
