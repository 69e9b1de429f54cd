-- One copy of each point: a point that arrives again in another update
-- (the letter by e-mail and by feed, the letter and its PDF, a joint
-- letter of two partners) is stored hidden, copy_of naming the point
-- published first, which keeps its id. The copy stays stored so a
-- re-fetch matches it rather than finding it new.
ALTER TABLE items ADD COLUMN copy_of TEXT;
CREATE INDEX items_copies ON items (copy_of) WHERE copy_of IS NOT NULL;
-- A joint letter is found by its link.
CREATE INDEX items_update_link ON items (update_link, published) WHERE copy_of IS NULL AND hidden = 0;
