"""Writes: every value passes as a parameter; every unit of work is one transaction."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import Iterable

import duckdb

from ..errors import InputError
from ..records import SPEAKERS, STANCES, Analysis, Article, FeedConfig, FeedResult, RunStats, stable_id

LOGGER = logging.getLogger(__name__)

__all__ = ["upsert_feeds", "record_feed_result", "insert_articles", "store_analysis",
           "sync_organizations", "record_run", "REVIEW_VERDICTS", "add_review", "undo_review",
           "add_feed", "set_feed_enabled", "remove_feed",
           "sync_feed_config", "record_feed_health", "insert_new_articles", "add_article_version",
           "set_refetch_state", "store_analysis_for_version", "ARTICLE_INSERT_COLUMNS"]


def _now() -> datetime:
    return datetime.now(timezone.utc)


def upsert_feeds(con: duckdb.DuckDBPyConnection, feeds: Iterable[FeedConfig]) -> None:
    """Create or update feed rows from configuration; fetch state is kept."""
    for f in feeds:
        con.execute(
            "INSERT INTO feeds (name, url, language, kind, enabled, fulltext) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET url = excluded.url, language = excluded.language, "
            "kind = excluded.kind, enabled = excluded.enabled, fulltext = excluded.fulltext",
            [f.name, f.url, f.language, f.kind, f.enabled, f.fulltext],
        )


def record_feed_result(con: duckdb.DuckDBPyConnection, result: FeedResult) -> None:
    """Store a feed's health after a fetch: success resets the failure streak, failure extends it."""
    now = _now()
    if result.ok:
        con.execute(
            "UPDATE feeds SET last_status = ?, last_error = NULL, last_fetched = ?, last_success = ?, "
            "consecutive_failures = 0, items_seen = items_seen + ?, "
            "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE name = ?",
            ["not_modified" if result.not_modified else "ok", now, now, len(result.articles),
             result.etag, result.last_modified, result.feed],
        )
    else:
        con.execute(
            "UPDATE feeds SET last_status = 'error', last_error = ?, last_fetched = ?, "
            "consecutive_failures = consecutive_failures + 1 WHERE name = ?",
            [result.error, now, result.feed],
        )


def insert_articles(con: duckdb.DuckDBPyConnection, articles: Iterable[Article],
                    stats: RunStats | None = None) -> list[str]:
    """Insert articles not seen before (by canonical URL, then guid); return the new ids.

    Each article ends in one disposition: ``ok``, ``skip:duplicate_url`` or ``skip:duplicate_guid``.
    """
    stats = stats if stats is not None else RunStats()
    new_ids: list[str] = []
    now = _now()
    for a in articles:
        if con.execute("SELECT 1 FROM articles WHERE url = ? OR id = ?", [a.url, a.id]).fetchone():
            stats.incr("skip:duplicate_url")
            continue
        if a.guid and con.execute("SELECT 1 FROM articles WHERE guid = ?", [a.guid]).fetchone():
            stats.incr("skip:duplicate_guid")
            continue
        con.execute(
            "INSERT INTO articles (id, url, guid, title, text, summary, published, first_seen, feed, feed_kind, "
            "wire_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [a.id, a.url, a.guid, a.title, a.text, a.summary, a.published, now, a.feed, a.feed_kind, a.id],
        )
        con.execute("INSERT INTO article_versions (article_id, version, title, text, seen_at) VALUES (?, 1, ?, ?, ?)",
                    [a.id, a.title, a.text, now])
        new_ids.append(a.id)
        stats.incr("ok")
    return new_ids


_DELETE_EXTRACTION = tuple(
    "DELETE FROM %s WHERE article_id = ?" % table  # constant table names, never input
    for table in ("entities", "claims", "victim_counts", "article_dates")
)


def store_analysis(con: duckdb.DuckDBPyConnection, article_id: str, analysis: Analysis,
                   rule_version: str) -> None:
    """Replace an article's extraction results in one transaction (never half-written)."""
    con.execute("BEGIN TRANSACTION")
    try:
        _replace_extraction(con, article_id, analysis, rule_version)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _replace_extraction(con: duckdb.DuckDBPyConnection, article_id: str, analysis: Analysis,
                        rule_version: str) -> None:
    """The body of ``store_analysis``, inside the caller's transaction."""
    for sql in _DELETE_EXTRACTION:
        con.execute(sql, [article_id])
    for m in analysis.organizations:
        con.execute(
            "INSERT INTO entities (article_id, org, mention, start_char, end_char, role) VALUES (?, ?, ?, ?, ?, ?)",
            [article_id, m.canonical, m.text, m.start, m.end, m.kind],
        )
    for i, c in enumerate(analysis.claims):
        cid = stable_id(article_id, str(i), c.org, c.stance, c.speaker, str(c.start))
        con.execute(
            "INSERT INTO claims (id, article_id, org, stance, speaker, speaker_name, sentence, start_char, "
            "end_char, victim_count, victim_unit, event_date, hedged, cue, rule_version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [cid, article_id, c.org, c.stance, c.speaker, c.speaker_name, c.sentence, c.start, c.end,
             c.victim_count.value if c.victim_count else None,
             c.victim_count.unit if c.victim_count else None,
             c.event_date, c.hedged, c.cue, rule_version],
        )
    for v in analysis.victim_counts:
        con.execute(
            "INSERT INTO victim_counts (article_id, value, unit, approx, mention, start_char, end_char) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [article_id, v.value, v.unit, v.approx, v.text, v.start, v.end],
        )
    for d in analysis.dates:
        con.execute(
            "INSERT INTO article_dates (article_id, value, precision, mention, start_char, end_char) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [article_id, d.value, d.precision, d.text, d.start, d.end],
        )
    con.execute("UPDATE articles SET rule_version = ? WHERE id = ?", [rule_version, article_id])


def sync_organizations(con: duckdb.DuckDBPyConnection, orgs: Iterable[tuple[str, str, str | None, str | None]]) -> None:
    """Mirror the organisation registry (name, role, parent, sector) into the database."""
    for name, role, parent, sector in orgs:
        con.execute(
            "INSERT INTO organizations (name, role, parent, sector) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET role = excluded.role, parent = excluded.parent, sector = excluded.sector",
            [name, role, parent, sector],
        )


def record_run(con: duckdb.DuckDBPyConnection, command: str, started: datetime, stats: RunStats) -> str:
    """Store a run's counted dispositions so the Sources page can show them."""
    run_id = stable_id(command, started.isoformat())
    con.execute(
        "INSERT INTO runs (id, command, started, finished, counts) VALUES (?, ?, ?, ?, ?)",
        [run_id, command, started, _now(), json.dumps(stats.counts, sort_keys=True)],
    )
    return run_id


# ---------------------------------------------------------------- reviews (migration 004)
REVIEW_VERDICTS = ("correct", "wrong_stance", "wrong_org", "not_claim", "fixed")


def add_review(con: duckdb.DuckDBPyConnection, *, article_id: str, start: int, end: int, orig_org: str,
               orig_stance: str, verdict: str, reviewer: str, claim_id: str | None = None, sentence: str = "",
               org: str | None = None, stance: str | None = None, speaker: str | None = None,
               victim_count: int | None = None, victim_unit: str | None = None, event_date: str | None = None,
               note: str = "") -> str:
    """Record a journalist's verdict on one claim; the latest active review of a claim wins.

    The claim is named by what survives re-extraction (article, offsets, extracted org and
    stance). ``org``/``stance``/... are corrections (None keeps the extracted value); a
    ``wrong_org`` or ``wrong_stance`` verdict without its correction removes the claim, like
    ``not_claim``. Raises InputError for a verdict, stance or speaker outside the contract.
    """
    if verdict not in REVIEW_VERDICTS:
        raise InputError(f"review verdict {verdict!r} is not one of {', '.join(REVIEW_VERDICTS)}")
    if stance is not None and stance not in STANCES:
        raise InputError(f"review stance {stance!r} is not one of {', '.join(STANCES)}")
    if speaker is not None and speaker not in SPEAKERS:
        raise InputError(f"review speaker {speaker!r} is not one of {', '.join(SPEAKERS)}")
    if not reviewer or not reviewer.strip():
        raise InputError("a review needs the reviewer's name")
    org = org.strip() if org and org.strip() else None
    if victim_count is not None and victim_unit is None:
        raise InputError("a corrected victim count needs its unit")
    now = _now()
    review_id = stable_id(article_id, str(start), str(end), orig_org, orig_stance, reviewer, now.isoformat())
    con.execute(
        "INSERT INTO reviews (id, article_id, start_char, end_char, orig_org, orig_stance, claim_id, sentence, "
        "verdict, org, stance, speaker, victim_count, victim_unit, event_date, note, reviewer, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [review_id, article_id, start, end, orig_org, orig_stance, claim_id, sentence, verdict, org, stance,
         speaker, victim_count, victim_unit, event_date, note, reviewer.strip(), now],
    )
    return review_id


def undo_review(con: duckdb.DuckDBPyConnection, review_id: str, by: str) -> bool:
    """Withdraw a review (kept in the history, stamped with who undid it and when); False if none was active."""
    found = con.execute("SELECT 1 FROM reviews WHERE id = ? AND undone_at IS NULL", [review_id]).fetchone()
    if not found:
        return False
    con.execute("UPDATE reviews SET undone_at = ?, undone_by = ? WHERE id = ?", [_now(), by.strip() or "?", review_id])
    return True


# ---------------------------------------------------------------- feeds edited from the dashboard
def add_feed(con: duckdb.DuckDBPyConnection, feed: FeedConfig, *, origin: str = "dashboard") -> None:
    """Add a feed row (``origin`` says who added it); raises InputError when the name or the URL is taken.

    The URL must have been checked by ``pipeline.ingest.urls.validate_feed_url`` beforehand;
    feeds of origin ``dashboard`` are fetched with that check on every hop.
    """
    if con.execute("SELECT 1 FROM feeds WHERE name = ?", [feed.name]).fetchone():
        raise InputError(f"feed name {feed.name!r} is already used")
    if con.execute("SELECT 1 FROM feeds WHERE url = ? OR config_url = ?", [feed.url, feed.url]).fetchone():
        raise InputError(f"feed URL {feed.url!r} is already registered")
    sync_feed_config(con, [feed], origin=origin)


def set_feed_enabled(con: duckdb.DuckDBPyConnection, name: str, enabled: bool) -> bool:
    """Enable or disable a feed; False when no feed has this name."""
    if not con.execute("SELECT 1 FROM feeds WHERE name = ?", [name]).fetchone():
        return False
    con.execute("UPDATE feeds SET enabled = ? WHERE name = ?", [enabled, name])
    return True


def remove_feed(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Forget a feed; the articles already collected from it stay (they are evidence). False if unknown."""
    if not con.execute("SELECT 1 FROM feeds WHERE name = ?", [name]).fetchone():
        return False
    con.execute("DELETE FROM feeds WHERE name = ?", [name])
    return True


# ---------------------------------------------------------------- ingestion (migration 002)
def sync_feed_config(con: duckdb.DuckDBPyConnection, feeds: Iterable[FeedConfig], origin: str = "config") -> None:
    """Create or update feed rows from configuration, keeping fetch state.

    ``url`` is the address fetched: it follows a recorded permanent redirect as long as the
    configured URL (``config_url``) is unchanged; a new configured URL resets it and the cache
    validators. An existing row keeps its origin (a feed added from the dashboard stays so).
    """
    current = {r[0]: tuple(r[1:]) for r in con.execute(
        "SELECT name, config_url, language, kind, enabled, fulltext FROM feeds").fetchall()}
    for f in feeds:
        if current.get(f.name) == (f.url, f.language, f.kind, f.enabled, f.fulltext):
            continue  # unchanged: no write
        con.execute(
            "INSERT INTO feeds (name, url, config_url, language, kind, enabled, fulltext, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
            "url = CASE WHEN feeds.config_url IS NOT DISTINCT FROM excluded.config_url THEN feeds.url "
            "ELSE excluded.url END, "
            "etag = CASE WHEN feeds.config_url IS NOT DISTINCT FROM excluded.config_url THEN feeds.etag END, "
            "last_modified = CASE WHEN feeds.config_url IS NOT DISTINCT FROM excluded.config_url "
            "THEN feeds.last_modified END, "
            "config_url = excluded.config_url, language = excluded.language, kind = excluded.kind, "
            "enabled = excluded.enabled, fulltext = excluded.fulltext",
            [f.name, f.url, f.url, f.language, f.kind, f.enabled, f.fulltext, origin],
        )


def record_feed_health(con: duckdb.DuckDBPyConnection, result: FeedResult, notice: str = "") -> None:
    """``record_feed_result`` plus a permanent redirect (the feed's URL is updated) and a notice.

    The notice describes the latest successful read (feed recovered from ill-formed XML,
    encoding repaired, moved permanently); a 304 or a failure leaves the previous one.
    """
    record_feed_result(con, result)
    notes = []
    if result.final_url:
        old = con.execute("SELECT url FROM feeds WHERE name = ?", [result.feed]).fetchone()
        if old and old[0] != result.final_url:
            notes.append(f"moved permanently from {old[0]} to {result.final_url} on {_now():%Y-%m-%d}")
            con.execute("UPDATE feeds SET url = ? WHERE name = ?", [result.final_url, result.feed])
    if notice:
        notes.append(notice)
    if notes:
        con.execute("UPDATE feeds SET notice = ? WHERE name = ?", ["; ".join(notes), result.feed])
    elif result.ok and not result.not_modified:
        con.execute("UPDATE feeds SET notice = NULL WHERE name = ?", [result.feed])


ARTICLE_INSERT_COLUMNS = ("id", "url", "guid", "title", "text", "summary", "published", "first_seen", "feed",
                          "feed_kind", "wire_group", "version", "text_source", "minhash", "page_etag",
                          "page_last_modified", "next_refetch", "refetch_stage")
_VERSION_COLUMNS = ("article_id", "version", "title", "text", "seen_at", "source")


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], values: list[list],
                 chunk: int = 100) -> None:
    """Multi-row INSERT (much faster than one statement per row); table and columns are constants."""
    head = "INSERT INTO " + table + " (" + ", ".join(columns) + ") VALUES "
    one = "(" + ", ".join("?" * len(columns)) + ")"
    for start in range(0, len(values), chunk):
        part = values[start:start + chunk]
        con.execute(head + ", ".join([one] * len(part)), [v for row in part for v in row])


def insert_new_articles(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Insert new articles (dicts keyed by ``ARTICLE_INSERT_COLUMNS``) and their version 1, in the caller's transaction."""
    if not rows:
        return
    _insert_rows(con, "articles", ARTICLE_INSERT_COLUMNS, [[r.get(c) for c in ARTICLE_INSERT_COLUMNS] for r in rows])
    _insert_rows(con, "article_versions", _VERSION_COLUMNS,
                 [[r["id"], 1, r["title"], r["text"], r["first_seen"], r.get("text_source") or "feed"] for r in rows])


def add_article_version(con: duckdb.DuckDBPyConnection, article_id: str, *, version: int, title: str, text: str,
                        summary: str, source: str, seen_at: datetime, minhash: bytes | None,
                        page_etag: str | None = None, page_last_modified: str | None = None) -> None:
    """Keep a new text of an article as ``version`` and make it current; claims are re-extracted later
    (``rule_version`` set to NULL so ``analyze_pending`` picks the article up). Caller's transaction."""
    con.execute("INSERT INTO article_versions (article_id, version, title, text, seen_at, source) "
                "VALUES (?, ?, ?, ?, ?, ?)", [article_id, version, title, text, seen_at, source])
    con.execute("UPDATE articles SET title = ?, text = ?, summary = ?, version = ?, updated = ?, text_source = ?, "
                "minhash = coalesce(?, minhash), page_etag = coalesce(?, page_etag), "
                "page_last_modified = coalesce(?, page_last_modified), rule_version = NULL WHERE id = ?",
                [title, text, summary, version, seen_at, source, minhash, page_etag, page_last_modified, article_id])


def set_refetch_state(con: duckdb.DuckDBPyConnection, article_id: str, *, stage: int, next_refetch: datetime | None,
                      page_etag: str | None = None, page_last_modified: str | None = None) -> None:
    """Record that a scheduled re-fetch of an article page was done and when the next one is due."""
    con.execute("UPDATE articles SET refetch_stage = ?, next_refetch = ?, page_etag = coalesce(?, page_etag), "
                "page_last_modified = coalesce(?, page_last_modified) WHERE id = ?",
                [stage, next_refetch, page_etag, page_last_modified, article_id])


def store_analysis_for_version(con: duckdb.DuckDBPyConnection, article_id: str, analysis: Analysis,
                               rule_version: str, version: int) -> bool:
    """Like ``store_analysis``, marking each claim with the article ``version`` it came from.

    Nothing is stored (False) when the article has meanwhile moved to another version: it stays
    pending and is analysed again from its current text.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        row = con.execute("SELECT coalesce(version, 1) FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None or row[0] != version:
            con.execute("ROLLBACK")
            return False
        _replace_extraction(con, article_id, analysis, rule_version)
        con.execute("UPDATE claims SET version = ? WHERE article_id = ?", [version, article_id])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return True


# ---------------------------------------------------------------- incidents and alerts (migration 003)
__all__ += ["store_incidents", "store_alerts", "mark_alert_sent", "record_alert_failure"]


def store_incidents(con: duckdb.DuckDBPyConnection, incidents: list[dict]) -> None:
    """Replace the stored incidents, their organisations and claim links in one transaction."""
    now = _now()
    con.execute("BEGIN TRANSACTION")
    try:
        for table in ("incident_claims", "incident_orgs", "incidents"):
            con.execute("DELETE FROM " + table)  # constant table names, never input
        for inc in incidents:
            detail = {k: v for k, v in inc.items() if k != "claims"}
            con.execute(
                "INSERT INTO incidents (id, title, first_date, last_date, score, organizations, detail, computed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [inc["id"], inc["title"], inc["first_date"], inc["last_date"], inc["divergence"]["score"],
                 json.dumps(inc["organizations"], ensure_ascii=False), json.dumps(detail, ensure_ascii=False), now],
            )
            con.executemany("INSERT INTO incident_orgs (incident_id, org, status, verification) VALUES (?, ?, ?, ?)",
                            [[inc["id"], o["org"], o["status"], o["verification"]] for o in inc["orgs"]])
            claim_ids = sorted({str(c["id"]) for c in inc["claims"] if c.get("id")})
            if claim_ids:
                con.executemany("INSERT INTO incident_claims (incident_id, claim_id) VALUES (?, ?)",
                                [[inc["id"], cid] for cid in claim_ids])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def store_alerts(con: duckdb.DuckDBPyConnection, alerts: list[dict]) -> list[str]:
    """Add the alerts not stored yet (the payload of a stored alert never changes); return the new ids."""
    now = _now()
    known = {r[0] for r in con.execute("SELECT id FROM alerts").fetchall()}
    new = []
    con.execute("BEGIN TRANSACTION")
    try:
        for a in alerts:
            if a["id"] in known:
                con.execute("UPDATE alerts SET incident_id = ? WHERE id = ?", [a.get("incident_id"), a["id"]])
                continue
            con.execute(
                "INSERT INTO alerts (id, kind, org, incident_id, date, article_id, message, payload, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [a["id"], a["kind"], a.get("org"), a.get("incident_id"), a.get("date"), a.get("article_id"),
                 a["message"], json.dumps(a, ensure_ascii=False, default=str), now],
            )
            known.add(a["id"])
            new.append(a["id"])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return new


def mark_alert_sent(con: duckdb.DuckDBPyConnection, alert_id: str) -> None:
    """Record that the webhook accepted this alert: it is never posted again."""
    con.execute("UPDATE alerts SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                [_now(), alert_id])


def record_alert_failure(con: duckdb.DuckDBPyConnection, alert_id: str, error: str) -> None:
    """Record a failed post (kept pending: the next delivery tries again)."""
    con.execute("UPDATE alerts SET attempts = attempts + 1, last_error = ? WHERE id = ?", [error, alert_id])
