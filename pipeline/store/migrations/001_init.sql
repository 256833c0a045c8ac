-- 001: feeds, articles, organisations, entities, claims, counts, dates, runs.
CREATE TABLE feeds (
    name                 TEXT PRIMARY KEY,
    url                  TEXT NOT NULL,
    language             TEXT NOT NULL DEFAULT 'fr',
    kind                 TEXT NOT NULL DEFAULT 'press',
    enabled              BOOLEAN NOT NULL DEFAULT TRUE,
    fulltext             BOOLEAN NOT NULL DEFAULT FALSE,
    etag                 TEXT,
    last_modified        TEXT,
    last_status          TEXT,          -- ok | not_modified | error
    last_error           TEXT,          -- human-readable, names what was wrong
    last_fetched         TIMESTAMPTZ,
    last_success         TIMESTAMPTZ,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    items_seen           INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id           TEXT PRIMARY KEY,      -- stable_id(canonical url or guid)
    url          TEXT NOT NULL UNIQUE,  -- canonical URL
    guid         TEXT,
    title        TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    summary      TEXT NOT NULL DEFAULT '',
    published    TIMESTAMPTZ NOT NULL,
    first_seen   TIMESTAMPTZ NOT NULL,
    feed         TEXT NOT NULL,
    feed_kind    TEXT NOT NULL DEFAULT 'press',
    rule_version TEXT                   -- extraction rules last applied; NULL = not analysed yet
);
CREATE INDEX articles_guid ON articles (guid);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE organizations (
    name   TEXT PRIMARY KEY,
    role   TEXT NOT NULL DEFAULT 'victim',
    parent TEXT,
    sector TEXT
);

CREATE TABLE entities (
    article_id TEXT NOT NULL,
    org        TEXT NOT NULL,
    mention    TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    role       TEXT NOT NULL DEFAULT 'victim'
);
CREATE INDEX entities_article ON entities (article_id);
CREATE INDEX entities_org ON entities (org);

CREATE TABLE claims (
    id           TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL,
    org          TEXT NOT NULL,
    stance       TEXT NOT NULL,
    speaker      TEXT NOT NULL,
    speaker_name TEXT NOT NULL DEFAULT '',
    sentence     TEXT NOT NULL,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    victim_count BIGINT,
    victim_unit  TEXT,
    event_date   TEXT,
    hedged       BOOLEAN NOT NULL DEFAULT FALSE,
    cue          TEXT NOT NULL DEFAULT '',
    rule_version TEXT NOT NULL
);
CREATE INDEX claims_article ON claims (article_id);
CREATE INDEX claims_org ON claims (org);

CREATE TABLE victim_counts (
    article_id TEXT NOT NULL,
    value      BIGINT NOT NULL,
    unit       TEXT NOT NULL,
    approx     TEXT,
    mention    TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL
);
CREATE INDEX victim_counts_article ON victim_counts (article_id);

CREATE TABLE article_dates (
    article_id TEXT NOT NULL,
    value      TEXT NOT NULL,
    precision  TEXT NOT NULL,
    mention    TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL
);

CREATE TABLE runs (
    id       TEXT PRIMARY KEY,
    command  TEXT NOT NULL,
    started  TIMESTAMPTZ NOT NULL,
    finished TIMESTAMPTZ,
    counts   TEXT NOT NULL DEFAULT '{}'  -- JSON object: disposition -> count
);
