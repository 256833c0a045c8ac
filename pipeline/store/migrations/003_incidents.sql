-- 003: incidents (claims grouped into stories), their organisations and claims, and alerts.
-- Incidents are recomputed from the claims by ``pipeline.incidents.refresh_incidents`` and
-- replaced as a whole; alerts are only ever added (stable ids), and ``sent_at`` marks the
-- ones the watcher has posted to the webhook.
CREATE TABLE incidents (
    id            TEXT PRIMARY KEY,      -- "inc-" + stable_id(founding organisation, first claim's article)
    title         TEXT NOT NULL,
    first_date    DATE,
    last_date     DATE,
    score         INTEGER NOT NULL DEFAULT 0,   -- divergence score 0-100
    organizations TEXT NOT NULL DEFAULT '[]',   -- JSON list, most cited first
    detail        TEXT NOT NULL DEFAULT '{}',   -- JSON: the incident without its claims
    computed_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX incidents_last_date ON incidents (last_date);

CREATE TABLE incident_orgs (
    incident_id  TEXT NOT NULL,
    org          TEXT NOT NULL,
    status       TEXT NOT NULL,          -- contested | attributed | denied | confirmed
    verification TEXT NOT NULL,          -- revendiqué | attribué | démenti | contesté | confirmé | partiellement confirmé
    PRIMARY KEY (incident_id, org)
);
CREATE INDEX incident_orgs_org ON incident_orgs (org);

CREATE TABLE incident_claims (
    incident_id TEXT NOT NULL,
    claim_id    TEXT NOT NULL,
    PRIMARY KEY (incident_id, claim_id)
);
CREATE INDEX incident_claims_claim ON incident_claims (claim_id);

CREATE TABLE alerts (
    id          TEXT PRIMARY KEY,        -- "al-" + stable_id(kind, organisation, triggering article[, value])
    kind        TEXT NOT NULL,           -- denial | confirmation_after_denial | count_change
    org         TEXT,
    incident_id TEXT,                    -- the incident at the last refresh
    date        DATE,                    -- publication day of the triggering article
    article_id  TEXT,
    message     TEXT NOT NULL,           -- French, one sentence
    payload     TEXT NOT NULL,           -- JSON posted to the webhook
    created_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ,             -- NULL until posted to the webhook
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
);
CREATE INDEX alerts_date ON alerts (date);
