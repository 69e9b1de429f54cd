CREATE TABLE item_history (
	id           TEXT COLLATE "C" NOT NULL,
	partner_id   TEXT COLLATE "C" NOT NULL,
	partner_name TEXT COLLATE "C" NOT NULL,
	source_url   TEXT COLLATE "C" NOT NULL,
	update_guid  TEXT COLLATE "C" NOT NULL,
	update_key   BIGINT NOT NULL,
	update_link  TEXT COLLATE "C" NOT NULL,
	update_title TEXT COLLATE "C" NOT NULL,
	kind         TEXT COLLATE "C" NOT NULL,
	text         TEXT COLLATE "C" NOT NULL,
	html         TEXT COLLATE "C" NOT NULL,
	position     BIGINT NOT NULL,
	published    BIGINT NOT NULL,
	first_seen   BIGINT NOT NULL,
	last_seen    BIGINT NOT NULL,
	retired      BIGINT NOT NULL
);
CREATE INDEX item_history_update ON item_history (partner_id, update_guid);
