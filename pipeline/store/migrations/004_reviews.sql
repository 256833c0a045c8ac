-- 004: journalists' reviews of extracted claims (applied by pipeline.store.read.claims_relation).
--
-- A review is keyed on what survives a re-extraction: the article, the sentence offsets and
-- the organisation and stance the rules had extracted. The claim id is kept for information
-- only (it may change when rules change). Reviews are never deleted: undoing one stamps
-- ``undone_at``/``undone_by``, so the history of who decided what, and when, stays readable.
CREATE TABLE reviews (
    id           TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    orig_org     TEXT NOT NULL,
    orig_stance  TEXT NOT NULL,
    claim_id     TEXT,                    -- claim id at review time (informational)
    sentence     TEXT NOT NULL DEFAULT '',
    verdict      TEXT NOT NULL,           -- correct | wrong_stance | wrong_org | not_claim | fixed
    org          TEXT,                    -- corrected values; NULL keeps the extracted value
    stance       TEXT,
    speaker      TEXT,
    victim_count BIGINT,
    victim_unit  TEXT,
    event_date   TEXT,
    note         TEXT NOT NULL DEFAULT '',
    reviewer     TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    undone_at    TIMESTAMPTZ,
    undone_by    TEXT
);
