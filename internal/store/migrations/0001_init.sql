-- Items are prayer and praise points; times are Unix nanoseconds, 0 for none.
CREATE TABLE items (
	id           TEXT PRIMARY KEY,
	partner_id   TEXT NOT NULL,
	partner_name TEXT NOT NULL,
	source_url   TEXT NOT NULL,
	update_guid  TEXT NOT NULL,
	update_key   INTEGER NOT NULL,
	update_link  TEXT NOT NULL,
	update_title TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('prayer', 'praise')),
	text         TEXT NOT NULL,
	html         TEXT NOT NULL,
	position     INTEGER NOT NULL,
	published    INTEGER NOT NULL,
	first_seen   INTEGER NOT NULL,
	last_seen    INTEGER NOT NULL
);

-- The feed order, so an unfiltered or kind-filtered query reads the first
-- rows of the index and stops at its limit. update_key (a hash of partner,
-- source and GUID) groups an update's items compactly: an index on the
-- text columns themselves would be four times the size and the writes.
CREATE INDEX items_published ON items (published DESC, update_key, position);
CREATE INDEX items_partner_published ON items (partner_id, published DESC);
CREATE INDEX items_update ON items (partner_id, source_url, update_guid);

-- Fetch state per source.
CREATE TABLE sources (
	partner_id    TEXT NOT NULL,
	url           TEXT NOT NULL,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_fetch    INTEGER NOT NULL DEFAULT 0,
	last_success  INTEGER NOT NULL DEFAULT 0,
	last_status   INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	failures      INTEGER NOT NULL DEFAULT 0,
	next_due      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (partner_id, url)
) WITHOUT ROWID;

-- Reader tokens for private feeds; only the SHA-256 of a token is kept.
CREATE TABLE tokens (
	name    TEXT PRIMARY KEY,
	hash    BLOB NOT NULL UNIQUE,
	created INTEGER NOT NULL,
	revoked INTEGER NOT NULL DEFAULT 0
);

-- One row: the item generation, bumped whenever items change.
CREATE TABLE generation (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	gen     INTEGER NOT NULL,
	changed INTEGER NOT NULL
);
INSERT INTO generation (id, gen, changed) VALUES (1, 0, 0);
