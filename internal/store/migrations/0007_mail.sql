-- E-mail received (prayerfeed ingest, imap sources): one row per message,
-- what became of it and why. A message that is from no partner, or could
-- not be read, keeps its raw bytes (capped) for the admin; a published or
-- held one needs them no more, its update holds its text.
CREATE TABLE mail (
	id         INTEGER PRIMARY KEY,
	message_id TEXT NOT NULL,
	mailbox    TEXT NOT NULL,
	received   INTEGER NOT NULL,
	sender     TEXT NOT NULL,
	subject    TEXT NOT NULL,
	partner_id TEXT NOT NULL,
	state      TEXT NOT NULL,
	reason     TEXT NOT NULL,
	points     INTEGER NOT NULL,
	raw        BLOB
);
CREATE UNIQUE INDEX mail_message ON mail (message_id) WHERE message_id != '';
CREATE INDEX mail_received ON mail (received DESC);
