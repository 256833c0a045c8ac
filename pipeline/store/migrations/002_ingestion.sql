-- 002: ingestion that survives the real web (issue 4).
-- DuckDB cannot add a NOT NULL column to a table that has indexes: new columns are nullable,
-- with defaults, and backfilled below.

-- Feeds: the URL written in the configuration (``url`` follows permanent redirects), who added
-- the feed, and a human-readable notice (redirect recorded, feed recovered from ill-formed XML
-- or a wrong encoding) that is not an error. Ingestion writes origin 'config' (feeds file or
-- command line); rows created any other way (write.add_feed, from the dashboard) keep the
-- default 'dashboard': the watcher polls them too, and checks their addresses.
ALTER TABLE feeds ADD COLUMN config_url TEXT;
ALTER TABLE feeds ADD COLUMN origin TEXT DEFAULT 'dashboard';
ALTER TABLE feeds ADD COLUMN notice TEXT;
UPDATE feeds SET config_url = url, origin = 'config';

-- Articles: wire group (id of the first article of a group of syndicated copies; the article's
-- own id when it stands alone), current version, where the text came from (feed | page),
-- MinHash signature (uint32 x 128, little-endian) for near-duplicate detection, and the state
-- of scheduled re-fetches of the article page.
ALTER TABLE articles ADD COLUMN wire_group TEXT;
ALTER TABLE articles ADD COLUMN version INTEGER DEFAULT 1;
ALTER TABLE articles ADD COLUMN updated TIMESTAMPTZ;
ALTER TABLE articles ADD COLUMN text_source TEXT DEFAULT 'feed';
ALTER TABLE articles ADD COLUMN minhash BLOB;
ALTER TABLE articles ADD COLUMN page_etag TEXT;
ALTER TABLE articles ADD COLUMN page_last_modified TEXT;
ALTER TABLE articles ADD COLUMN next_refetch TIMESTAMPTZ;
ALTER TABLE articles ADD COLUMN refetch_stage INTEGER DEFAULT 0;
-- (DuckDB cannot build an index over rows updated in the same transaction: index first)
CREATE INDEX articles_wire_group ON articles (wire_group);
UPDATE articles SET wire_group = id, version = 1, text_source = 'feed', refetch_stage = 0;

-- Every distinct text an article has had, with the time it was seen. Version 1 is written
-- with the article, in the same transaction; articles.version is the latest one.
CREATE TABLE article_versions (
    article_id TEXT NOT NULL,
    version    INTEGER NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL DEFAULT '',
    seen_at    TIMESTAMPTZ NOT NULL,
    source     TEXT NOT NULL DEFAULT 'feed',   -- feed | page (full text or scheduled re-fetch)
    PRIMARY KEY (article_id, version)
);
INSERT INTO article_versions (article_id, version, title, text, seen_at, source)
    SELECT id, 1, title, text, first_seen, 'feed' FROM articles;

-- Claims: the article version they were extracted from.
ALTER TABLE claims ADD COLUMN version INTEGER DEFAULT 1;
UPDATE claims SET version = 1;
