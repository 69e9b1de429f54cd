-- Items are matched to a partner's update by GUID across all its sources,
-- so a moved source URL keeps its items' ids; this index finds them
-- without the source URL that items_update leads with.
CREATE INDEX items_partner_guid ON items (partner_id, update_guid);
DROP INDEX items_update;
