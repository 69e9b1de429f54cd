-- A source claimed by a fetch run: on PostgreSQL, runs on several
-- machines share the sources, and each due source is fetched by the one
-- run that claimed it. claimed_by names that run; lease_until (Unix
-- nanoseconds) is when another run may take the source over, should the
-- claimant die before recording its fetch. Recording a fetch clears both.
ALTER TABLE sources ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
