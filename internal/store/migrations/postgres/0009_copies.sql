ALTER TABLE items ADD COLUMN copy_of TEXT COLLATE "C";
CREATE INDEX items_copies ON items (copy_of) WHERE copy_of IS NOT NULL;
CREATE INDEX items_update_link ON items (update_link, published) WHERE copy_of IS NULL AND hidden = 0;
