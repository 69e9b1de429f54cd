-- The weekly digest e-mails: one row per digest week (the day it ended,
-- YYYY-MM-DD), claimed before sending so that two processes (serve and a
-- cron job, or serve after a restart) never send one week twice. sent is 0
-- while a send is under way.
CREATE TABLE digests (
	week       TEXT PRIMARY KEY,
	claimed    INTEGER NOT NULL,
	sent       INTEGER NOT NULL DEFAULT 0,
	points     INTEGER NOT NULL DEFAULT 0,
	message_id TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
