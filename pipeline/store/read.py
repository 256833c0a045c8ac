"""Reads: plain rows (lists of dicts) for the CLI, the incidents stage and the dashboard."""

from __future__ import annotations

from typing import Any

import duckdb

__all__ = ["rows", "article_count", "articles_to_analyze", "claims", "articles", "feeds",
           "organizations", "victim_counts", "latest_runs",
           "has_table", "claims_relation", "reviews", "review_history",
           "feed_states", "dashboard_feeds", "known_articles", "page_summaries", "recent_signatures",
           "refetch_due", "article_versions", "current_versions"]


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    """Run a query of this module and return its rows as dicts."""
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def article_count(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def articles_to_analyze(con: duckdb.DuckDBPyConnection, rule_version: str,
                        only_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Articles never analysed, or analysed by other rules than ``rule_version``."""
    sql = ("SELECT id, title, text, published, url, feed, feed_kind FROM articles "
           "WHERE rule_version IS DISTINCT FROM ?")
    params: list = [rule_version]
    if only_ids is not None:
        sql += " AND list_contains(?, id)"
        params.append(only_ids)
    return rows(con, sql + " ORDER BY published, id", params)


_CLAIM_COLUMNS = (
    "c.id, c.article_id, c.org, c.stance, c.speaker, c.speaker_name, c.sentence, "
    "c.start_char AS start, c.end_char AS \"end\", c.victim_count, c.victim_unit, c.event_date, "
    "c.hedged, c.cue, c.rule_version, a.url, a.title, a.published, a.feed, a.feed_kind, "
    "c.reviewed, c.review_verdict"
)

# Claims with journalists' reviews applied (migration 004). A review matches a claim on what
# survives a re-extraction: article, sentence offsets, extracted organisation and stance.
# The latest active review wins; corrected values replace extracted ones; ``excluded`` marks
# claims a reviewer rejected. ``c.* REPLACE`` keeps columns later migrations add to ``claims``.
_CLAIMS_REVIEWED = """(
    WITH latest AS (
        SELECT * FROM reviews WHERE undone_at IS NULL
        QUALIFY row_number() OVER (PARTITION BY article_id, start_char, end_char, orig_org, orig_stance
                                   ORDER BY created_at DESC, id DESC) = 1
    )
    SELECT c.* REPLACE (
               coalesce(r.org, c.org) AS org,
               coalesce(r.stance, c.stance) AS stance,
               coalesce(r.speaker, c.speaker) AS speaker,
               coalesce(r.victim_count, c.victim_count) AS victim_count,
               CASE WHEN r.victim_count IS NOT NULL THEN r.victim_unit ELSE c.victim_unit END AS victim_unit,
               coalesce(r.event_date, c.event_date) AS event_date),
           c.org AS extracted_org, c.stance AS extracted_stance, c.speaker AS extracted_speaker,
           r.id IS NOT NULL AS reviewed, r.id AS review_id, r.verdict AS review_verdict,
           r.reviewer AS reviewer, r.created_at AS reviewed_at,
           coalesce(r.verdict = 'not_claim' OR (r.verdict = 'wrong_org' AND r.org IS NULL)
                    OR (r.verdict = 'wrong_stance' AND r.stance IS NULL), FALSE) AS excluded
    FROM claims c
    LEFT JOIN latest r
      ON r.article_id = c.article_id AND r.start_char = c.start_char AND r.end_char = c.end_char
     AND r.orig_org = c.org AND r.orig_stance = c.stance
)"""
# The same shape on a database created before migration 004 (opened read-only, not migrated).
_CLAIMS_UNREVIEWED = """(
    SELECT c.*, c.org AS extracted_org, c.stance AS extracted_stance, c.speaker AS extracted_speaker,
           FALSE AS reviewed, NULL::TEXT AS review_id, NULL::TEXT AS review_verdict,
           NULL::TEXT AS reviewer, NULL::TIMESTAMPTZ AS reviewed_at, FALSE AS excluded
    FROM claims c
)"""


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the main schema has this table (read-only connections are never migrated)."""
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?",
                       [name]).fetchone()[0] > 0


def claims_relation(con: duckdb.DuckDBPyConnection, *, include_excluded: bool = False) -> str:
    """SQL for a parenthesised relation of claims with reviews applied, to use as ``FROM <it> c``.

    Rejected claims are left out unless ``include_excluded`` (the review page shows them).
    The text is one of this module's constants, never built from input.
    """
    base = _CLAIMS_REVIEWED if has_table(con, "reviews") else _CLAIMS_UNREVIEWED
    if include_excluded:
        return base
    return "(SELECT * FROM " + base + " WHERE NOT excluded)"


def claims(con: duckdb.DuckDBPyConnection, org: str | None = None) -> list[dict[str, Any]]:
    """Claims joined with their article, oldest first; ``org`` keeps one organisation's.

    Reviews override extraction: corrected organisation/stance/speaker/count/date replace the
    extracted ones, rejected claims are left out, and ``reviewed``/``review_verdict`` say so.
    """
    sql = "SELECT " + _CLAIM_COLUMNS + " FROM " + claims_relation(con) + " c JOIN articles a ON a.id = c.article_id"
    params: list = []
    if org is not None:
        sql += " WHERE c.org = ?"
        params.append(org)
    return rows(con, sql + " ORDER BY a.published, c.article_id, c.start_char", params)


def articles(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return rows(con, "SELECT id, url, guid, title, text, summary, published, first_seen, feed, feed_kind, "
                     "rule_version FROM articles ORDER BY published, id")


def feeds(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return rows(con, "SELECT f.*, (SELECT count(*) FROM articles a WHERE a.feed = f.name) AS articles "
                     "FROM feeds f ORDER BY name")


def organizations(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return rows(con, "SELECT name, role, parent, sector FROM organizations ORDER BY name")


def victim_counts(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return rows(con, "SELECT v.*, a.published, a.feed, a.url FROM victim_counts v "
                     "JOIN articles a ON a.id = v.article_id ORDER BY a.published")


def latest_runs(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[dict[str, Any]]:
    return rows(con, "SELECT * FROM runs ORDER BY started DESC LIMIT ?", [limit])


_REVIEW_COLUMNS = ("id, article_id, start_char, end_char, orig_org, orig_stance, claim_id, sentence, verdict, "
                   "org, stance, speaker, victim_count, victim_unit, event_date, note, reviewer, created_at, "
                   "undone_at, undone_by")


def reviews(con: duckdb.DuckDBPyConnection, limit: int = 50, *, active_only: bool = False) -> list[dict[str, Any]]:
    """The latest reviews, newest first (undone ones included unless ``active_only``)."""
    if not has_table(con, "reviews"):
        return []
    sql = "SELECT " + _REVIEW_COLUMNS + " FROM reviews"
    if active_only:
        sql += " WHERE undone_at IS NULL"
    return rows(con, sql + " ORDER BY coalesce(undone_at, created_at) DESC, id DESC LIMIT ?", [limit])


def review_history(con: duckdb.DuckDBPyConnection, article_id: str, start: int, end: int,
                   org: str, stance: str) -> list[dict[str, Any]]:
    """Every review of one claim (keyed as in ``claims_relation``), newest first."""
    if not has_table(con, "reviews"):
        return []
    return rows(con, "SELECT " + _REVIEW_COLUMNS + " FROM reviews WHERE article_id = ? AND start_char = ? "
                     "AND end_char = ? AND orig_org = ? AND orig_stance = ? ORDER BY created_at DESC, id DESC",
                [article_id, start, end, org, stance])


# ---------------------------------------------------------------- ingestion (migration 002)
def feed_states(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """Every feed row by name: the URL to fetch (after permanent redirects), validators, origin."""
    return {r["name"]: r for r in rows(
        con, "SELECT name, url, config_url, language, kind, enabled, fulltext, etag, last_modified, origin "
             "FROM feeds")}


def dashboard_feeds(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Enabled feeds added from the dashboard (the watcher polls them besides the feeds file)."""
    return rows(con, "SELECT name, coalesce(config_url, url) AS url, language, kind, enabled, fulltext "
                     "FROM feeds WHERE origin = 'dashboard' AND enabled ORDER BY name")


def known_articles(con: duckdb.DuckDBPyConnection, urls: list[str], guids: list[str]) -> list[dict[str, Any]]:
    """Stored articles whose canonical URL or guid is among these (dedup and version detection)."""
    return rows(con, "SELECT id, url, guid, feed, title, text, summary, coalesce(version, 1) AS version, "
                     "coalesce(text_source, 'feed') AS text_source FROM articles "
                     "WHERE url IN (SELECT unnest(?::VARCHAR[])) OR guid IN (SELECT unnest(?::VARCHAR[]))",
                [urls, guids])


def page_summaries(con: duckdb.DuckDBPyConnection, feed: str) -> dict[str, str]:
    """url -> summary of a feed's articles whose text came from their page (full text)."""
    return dict(con.execute("SELECT url, summary FROM articles WHERE feed = ? AND text_source = 'page'",
                            [feed]).fetchall())


def recent_signatures(con: duckdb.DuckDBPyConnection, since) -> list[tuple[str, str, bytes]]:
    """(id, wire_group, minhash) of articles first seen since ``since``, oldest first."""
    return con.execute("SELECT id, coalesce(wire_group, id), minhash FROM articles "
                       "WHERE minhash IS NOT NULL AND first_seen >= ? ORDER BY first_seen, id", [since]).fetchall()


def refetch_due(con: duckdb.DuckDBPyConnection, now, feeds: list[str] | None = None,
                limit: int = 500) -> list[dict[str, Any]]:
    """Articles whose scheduled page re-fetch is due, oldest due first."""
    sql = ("SELECT id, url, feed, title, text, summary, coalesce(version, 1) AS version, first_seen, "
           "coalesce(refetch_stage, 0) AS refetch_stage, page_etag, page_last_modified, "
           "coalesce(text_source, 'feed') AS text_source FROM articles "
           "WHERE next_refetch IS NOT NULL AND next_refetch <= ?")
    params: list = [now]
    if feeds is not None:
        sql += " AND list_contains(?, feed)"
        params.append(feeds)
    return rows(con, sql + " ORDER BY next_refetch, id LIMIT ?", params + [limit])


def article_versions(con: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    """Every kept text of an article with the time it was seen, oldest first (timeline: "article updated")."""
    return rows(con, "SELECT article_id, version, title, text, seen_at, source FROM article_versions "
                     "WHERE article_id = ? ORDER BY version", [article_id])


def current_versions(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, int]:
    """id -> current version number of these articles."""
    return dict(con.execute("SELECT id, coalesce(version, 1) FROM articles WHERE list_contains(?, id)",
                            [ids]).fetchall())


# ---------------------------------------------------------------- incidents and alerts (migration 003)
__all__ += ["wire_groups", "incidents", "incident", "alerts"]


def wire_groups(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """article id -> wire group (migration 002); empty on a database without the column."""
    present = con.execute("SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'articles' "
                          "AND column_name = 'wire_group'").fetchone()[0]
    if not present:
        return {}
    return dict(con.execute("SELECT id, wire_group FROM articles WHERE wire_group IS NOT NULL").fetchall())


def _stored_incidents(con: duckdb.DuckDBPyConnection, incident_id: str | None) -> list[dict[str, Any]]:
    import json

    if not has_table(con, "incidents"):
        return []
    sql = "SELECT id, detail FROM incidents"
    params: list = []
    if incident_id is not None:
        sql += " WHERE id = ?"
        params.append(incident_id)
    found = [{**json.loads(r["detail"]), "id": r["id"]}
             for r in rows(con, sql + " ORDER BY last_date DESC NULLS LAST, first_date DESC NULLS LAST, id DESC", params)]
    if not found:
        return []
    links: dict[str, str] = {}
    link_sql = "SELECT claim_id, incident_id FROM incident_claims"
    if incident_id is not None:
        link_sql += " WHERE incident_id = ?"
    for claim_id, inc in con.execute(link_sql, params).fetchall():
        links[claim_id] = inc
    by_incident: dict[str, list[dict[str, Any]]] = {i["id"]: [] for i in found}
    for c in claims(con):
        inc = links.get(c["id"])
        if inc in by_incident:
            by_incident[inc].append({**c, "incident_id": inc})
    for i in found:
        i["claims"] = by_incident[i["id"]]
    return found


def incidents(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Stored incidents (as ``build_incidents`` made them), most recent first, claims re-read from the store."""
    return _stored_incidents(con, None)


def incident(con: duckdb.DuckDBPyConnection, incident_id: str) -> dict[str, Any] | None:
    """One stored incident with its claims, or None."""
    found = _stored_incidents(con, incident_id)
    return found[0] if found else None


def alerts(con: duckdb.DuckDBPyConnection, since: Any = None, *, pending: bool = False) -> list[dict[str, Any]]:
    """Stored alerts, oldest first: the posted JSON plus ``sent_at``, ``attempts``, ``last_error``.

    ``since`` (a date) keeps alerts whose triggering article is that day or later; ``pending``
    keeps those not yet posted to the webhook.
    """
    import json

    if not has_table(con, "alerts"):
        return []
    sql = "SELECT payload, incident_id, sent_at, attempts, last_error FROM alerts WHERE TRUE"
    params: list = []
    if since is not None:
        sql += " AND date >= ?"
        params.append(since)
    if pending:
        sql += " AND sent_at IS NULL"
    out = []
    for r in rows(con, sql + " ORDER BY date NULLS FIRST, id", params):
        out.append({**json.loads(r["payload"]), "incident_id": r["incident_id"], "sent_at": r["sent_at"],
                    "attempts": r["attempts"], "last_error": r["last_error"]})
    return out
