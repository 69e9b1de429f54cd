-- Points a partner took out of an update (or rewrote beyond recognition,
-- which makes the new wording a new item) move here from items, so feeds
-- show only what an update says now while nothing is ever lost. retired is
-- when the point was last missing (Unix nanoseconds).
CREATE TABLE item_history (
	id           TEXT NOT NULL,
	partner_id   TEXT NOT NULL,
	partner_name TEXT NOT NULL,
	source_url   TEXT NOT NULL,
	update_guid  TEXT NOT NULL,
	update_key   INTEGER NOT NULL,
	update_link  TEXT NOT NULL,
	update_title TEXT NOT NULL,
	kind         TEXT NOT NULL,
	text         TEXT NOT NULL,
	html         TEXT NOT NULL,
	position     INTEGER NOT NULL,
	published    INTEGER NOT NULL,
	first_seen   INTEGER NOT NULL,
	last_seen    INTEGER NOT NULL,
	retired      INTEGER NOT NULL
);
CREATE INDEX item_history_update ON item_history (partner_id, update_guid);
