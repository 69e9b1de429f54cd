-- Review and correction. An item's published form lives on its row, so
-- every query of published items is the one condition "hidden = 0 AND
-- held = 0" on the same indexes as before; the corrections table is what
-- the admin said, keyed by item id, and outlives the row (an item retired
-- and found again gets its corrections back).
--
-- hidden: an admin hid it, or said its update holds no points.
-- held: its partner is on review: hold and no admin has approved it yet.
-- added: an admin added it; the extractor did not find it, so a re-fetch
--   neither matches nor retires it.
-- extracted_kind: the extractor's kind when an admin changed it (kind is
--   then the admin's), else NULL.
-- edited_text, edited_html: the admin's text, published instead of text
--   and html (which stay the extractor's, for matching); NULL when unedited.
ALTER TABLE items ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN added INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN extracted_kind TEXT;
ALTER TABLE items ADD COLUMN edited_text TEXT;
ALTER TABLE items ADD COLUMN edited_html TEXT;

-- The feed-order indexes hold published items only, so reading a feed
-- skips nothing and the tag query's index stays covering.
DROP INDEX items_published;
CREATE INDEX items_published ON items (published DESC, update_key, position) WHERE hidden = 0 AND held = 0;
DROP INDEX items_partner_feed;
CREATE INDEX items_partner_feed ON items (partner_id, published DESC, update_key, position, kind)
	WHERE hidden = 0 AND held = 0;

-- What an admin said about one item. kind and text are '' where the
-- extractor's stand.
CREATE TABLE corrections (
	item_id     TEXT PRIMARY KEY,
	partner_id  TEXT NOT NULL,
	update_guid TEXT NOT NULL,
	hidden      INTEGER NOT NULL DEFAULT 0,
	kind        TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL DEFAULT '',
	approved    INTEGER NOT NULL DEFAULT 0,
	changed     INTEGER NOT NULL
) WITHOUT ROWID;

-- The updates points were read from: the letter beside its points in the
-- admin area, the cases review export writes, and the health alerts.
-- content is the update as fetched (capped, unsanitized); points is how
-- many points the extractor found in its latest version; no_points is an
-- admin saying it holds none.
CREATE TABLE updates (
	id          TEXT PRIMARY KEY,
	partner_id  TEXT NOT NULL,
	partner_name TEXT NOT NULL,
	guid        TEXT NOT NULL,
	source_url  TEXT NOT NULL,
	link        TEXT NOT NULL,
	title       TEXT NOT NULL,
	published   INTEGER NOT NULL,
	content     TEXT NOT NULL,
	format      TEXT NOT NULL,
	points      INTEGER NOT NULL,
	first_seen  INTEGER NOT NULL,
	last_seen   INTEGER NOT NULL,
	no_points   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE UNIQUE INDEX updates_guid ON updates (partner_id, guid);
CREATE INDEX updates_partner ON updates (partner_id, published DESC);

-- Every correction: who (a session or the command line), what, when.
CREATE TABLE audit (
	id     INTEGER PRIMARY KEY,
	at     INTEGER NOT NULL,
	who    TEXT NOT NULL,
	action TEXT NOT NULL,
	target TEXT NOT NULL,
	detail TEXT NOT NULL
);

-- Admin sessions; only the SHA-256 of a session id is kept.
CREATE TABLE admin_sessions (
	hash    BLOB PRIMARY KEY,
	csrf    TEXT NOT NULL,
	created INTEGER NOT NULL,
	expires INTEGER NOT NULL
);
