-- The feed an auto source resolved to (or the URL a page or feed source
-- was finally read from, after redirects), so that partners.opml can list
-- a feed readers subscribe to instead of a homepage.
ALTER TABLE sources ADD COLUMN feed_url TEXT NOT NULL DEFAULT '';
