"""Filtered, aggregated and paginated reads for the dashboard.

The dashboard must stay interactive on 100,000 articles and 500,000 claims, so counting,
grouping and paging happen here, in DuckDB, never over all rows in Python. Every query reads
claims through ``read.claims_relation`` so journalists' reviews apply everywhere. Filters are
a ``ClaimFilter``; each condition is a constant SQL fragment with its value as a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Sequence

import duckdb

from .read import claims_relation, has_table, rows

__all__ = ["ClaimFilter", "data_version", "filter_options", "key_figures", "org_stance_counts",
           "coverage", "articles_page", "article_annotations", "claims_page",
           "search_orgs", "search_articles", "EXPORT_FIELDS", "has_incidents", "incident_summaries",
           "incident_detail", "incident_claims", "org_incidents", "write_claims_export", "org_timeline"]


@dataclass(frozen=True)
class ClaimFilter:
    """What the user chose: publication period [start, end), organisation, outlets, stances, speakers."""

    start: datetime | None = None  # aware, inclusive
    end: datetime | None = None  # aware, exclusive
    org: str | None = None
    feeds: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()

    @property
    def claim_conditions(self) -> bool:
        """Whether the filter constrains claims themselves (not only articles)."""
        return bool(self.org or self.stances or self.speakers)


def _article_where(f: ClaimFilter) -> tuple[list[str], list]:
    """Conditions on the article (alias ``a``): period and outlets."""
    where: list[str] = []
    params: list = []
    if f.start is not None:
        where.append("a.published >= ?")
        params.append(f.start)
    if f.end is not None:
        where.append("a.published < ?")
        params.append(f.end)
    if f.feeds:
        where.append("list_contains(?, a.feed)")
        params.append(list(f.feeds))
    return where, params


def _claim_where(f: ClaimFilter) -> tuple[list[str], list]:
    """Conditions on claims (alias ``c``) joined to their article (alias ``a``)."""
    where, params = _article_where(f)
    cwhere, cparams = _claim_only_where(f)
    return where + cwhere, params + cparams


def _claim_only_where(f: ClaimFilter) -> tuple[list[str], list]:
    """Conditions on the claim alone: organisation, stances, speakers."""
    where: list[str] = []
    params: list = []
    if f.org:
        where.append("c.org = ?")
        params.append(f.org)
    if f.stances:
        where.append("list_contains(?, c.stance)")
        params.append(list(f.stances))
    if f.speakers:
        where.append("list_contains(?, c.speaker)")
        params.append(list(f.speakers))
    return where, params


def _and(where: list[str]) -> str:
    return (" WHERE " + " AND ".join(where)) if where else ""


_CLAIM_ROW = ("c.id, c.article_id, c.org, c.stance, c.speaker, c.speaker_name, c.sentence, c.start_char AS start, "
              "c.end_char AS \"end\", c.victim_count, c.victim_unit, c.event_date, c.hedged, c.cue, c.rule_version, "
              "a.url, a.title, a.published, a.feed, a.feed_kind, c.reviewed, c.review_verdict")


def data_version(con: duckdb.DuckDBPyConnection) -> tuple:
    """A cheap fingerprint of what the dashboard shows: changes when articles, claims or reviews change."""
    version = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT max(first_seen) FROM articles), "
        "(SELECT count(*) FROM articles WHERE rule_version IS NULL), "
        "(SELECT count(*) FROM claims), (SELECT coalesce(sum(hash(id)), 0) FROM claims)"
    ).fetchone()
    if has_table(con, "reviews"):
        version += con.execute(
            "SELECT count(*), max(coalesce(undone_at, created_at)), count(undone_at) FROM reviews").fetchone()
    if has_table(con, "incidents"):
        version += con.execute("SELECT count(*), max(computed_at) FROM incidents").fetchone()
    return tuple(str(v) for v in version)


def filter_options(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Choices for the filters: publication bounds, outlets and organisations with their claim counts."""
    first, last = con.execute("SELECT min(published), max(published) FROM articles").fetchone()
    feeds = [r[0] for r in con.execute("SELECT DISTINCT feed FROM articles ORDER BY feed").fetchall()]
    orgs = rows(con, "SELECT org, count(*) AS claims FROM " + claims_relation(con) + " c "
                     "GROUP BY org ORDER BY claims DESC, org")
    return {"first": first, "last": last, "feeds": feeds, "orgs": orgs}


def key_figures(con: duckdb.DuckDBPyConnection, f: ClaimFilter) -> dict[str, Any]:
    """Totals for the period and filters: articles, claims by stance, organisations, outlets."""
    where, params = _claim_where(f)
    figures = rows(con, "SELECT count(*) AS claims, count(DISTINCT c.article_id) AS claim_articles, "
                        "count(DISTINCT c.org) AS orgs, count(DISTINCT a.feed) AS outlets, "
                        "count(*) FILTER (WHERE c.stance = 'attribution') AS attributions, "
                        "count(*) FILTER (WHERE c.stance = 'denial') AS denials, "
                        "count(*) FILTER (WHERE c.stance = 'confirmation') AS confirmations, "
                        "count(*) FILTER (WHERE c.reviewed) AS reviewed, "
                        "min(a.published) AS first, max(a.published) AS last "
                        "FROM " + claims_relation(con) + " c JOIN articles a ON a.id = c.article_id" + _and(where),
                   params)[0]
    awhere, aparams = _article_where(f)
    figures["articles"] = con.execute("SELECT count(*) FROM articles a" + _and(awhere), aparams).fetchone()[0]
    return figures


def org_stance_counts(con: duckdb.DuckDBPyConnection, f: ClaimFilter) -> list[dict[str, Any]]:
    """Per organisation and stance: claims, first and last publication.

    The organisation filter is ignored here: a group's denial counts for its establishments,
    so callers need every organisation's reactions to judge one.
    """
    where, params = _claim_where(ClaimFilter(f.start, f.end, None, f.feeds, f.stances, f.speakers))
    return rows(con, "SELECT c.org, c.stance, count(*) AS n, min(a.published) AS first, max(a.published) AS last "
                     "FROM " + claims_relation(con) + " c JOIN articles a ON a.id = c.article_id" + _and(where)
                + " GROUP BY c.org, c.stance", params)


_BUCKETS = ("day", "week", "month")


def coverage(con: duckdb.DuckDBPyConnection, f: ClaimFilter, bucket: str = "day") -> list[dict[str, Any]]:
    """Claims per period bucket (Paris time) and stance, with the number of distinct articles."""
    if bucket not in _BUCKETS:
        raise ValueError(f"bucket must be one of {_BUCKETS}")
    where, params = _claim_where(f)
    return rows(con, "SELECT date_trunc(?, timezone('Europe/Paris', a.published))::DATE AS period, c.stance, "
                     "count(*) AS claims, count(DISTINCT c.article_id) AS articles "
                     "FROM " + claims_relation(con) + " c JOIN articles a ON a.id = c.article_id" + _and(where)
                + " GROUP BY ALL ORDER BY period, c.stance", [bucket, *params])


def _article_filter(con: duckdb.DuckDBPyConnection, f: ClaimFilter, query: str,
                    with_claims: bool) -> tuple[str, list]:
    where, params = _article_where(f)
    if query:
        where.append("(contains(lower(a.title), lower(?)) OR contains(lower(a.text), lower(?)))")
        params += [query, query]
    if f.claim_conditions or with_claims:
        cwhere, cparams = _claim_only_where(f)
        where.append("a.id IN (SELECT c.article_id FROM " + claims_relation(con) + " c" + _and(cwhere) + ")")
        params += cparams
    return _and(where), params


def articles_page(con: duckdb.DuckDBPyConnection, f: ClaimFilter, *, query: str = "", with_claims: bool = False,
                  limit: int = 20, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of articles, newest first) matching the filters and a text query."""
    where, params = _article_filter(con, f, query, with_claims)
    total = con.execute("SELECT count(*) FROM articles a" + where, params).fetchone()[0]
    page = rows(con, "SELECT a.id, a.url, a.title, a.text, a.published, a.feed, a.feed_kind, a.rule_version "
                     "FROM articles a" + where + " ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
                [*params, limit, offset])
    return total, page


def article_annotations(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> dict[str, dict[str, list]]:
    """For each article: its claims (reviews applied, rejected ones flagged) and the spans to highlight."""
    ids = list(article_ids)
    out: dict[str, dict[str, list]] = {a: {"claims": [], "orgs": [], "counts": [], "dates": []} for a in ids}
    if not ids:
        return out
    for r in rows(con, "SELECT c.id, c.article_id, c.org, c.stance, c.speaker, c.speaker_name, c.sentence, "
                       "c.start_char AS start, c.end_char AS \"end\", c.victim_count, c.victim_unit, c.event_date, "
                       "c.hedged, c.cue, c.extracted_org, c.extracted_stance, c.reviewed, c.review_verdict, "
                       "c.reviewer, c.excluded FROM " + claims_relation(con, include_excluded=True) + " c "
                       "WHERE list_contains(?, c.article_id) ORDER BY c.article_id, c.start_char, c.org", [ids]):
        out[r["article_id"]]["claims"].append(r)
    for key, sql in (
        ("orgs", "SELECT article_id, org AS label, mention, start_char AS start, end_char AS \"end\" FROM entities"),
        ("counts", "SELECT article_id, value::TEXT || ' ' || unit AS label, mention, start_char AS start, "
                   "end_char AS \"end\" FROM victim_counts"),
        ("dates", "SELECT article_id, value AS label, mention, start_char AS start, end_char AS \"end\" "
                  "FROM article_dates"),
    ):
        for r in rows(con, sql + " WHERE list_contains(?, article_id) ORDER BY article_id, start_char", [ids]):
            out[r["article_id"]][key].append(r)
    return out


_REVIEW_STATES = ("all", "unreviewed", "reviewed")


def claims_page(con: duckdb.DuckDBPyConnection, f: ClaimFilter, *, state: str = "all", limit: int = 20,
                offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of claims, newest first) for review: rejected claims included and flagged."""
    if state not in _REVIEW_STATES:
        raise ValueError(f"state must be one of {_REVIEW_STATES}")
    where, params = _claim_where(f)
    if state == "reviewed":
        where.append("c.reviewed")
    elif state == "unreviewed":
        where.append("NOT c.reviewed")
    base = " FROM " + claims_relation(con, include_excluded=True) + " c JOIN articles a ON a.id = c.article_id"
    total = con.execute("SELECT count(*)" + base + _and(where), params).fetchone()[0]
    page = rows(con, "SELECT c.id, c.article_id, c.org, c.stance, c.speaker, c.speaker_name, c.sentence, "
                     "c.start_char AS start, c.end_char AS \"end\", c.victim_count, c.victim_unit, c.event_date, "
                     "c.hedged, c.cue, c.extracted_org, c.extracted_stance, c.extracted_speaker, c.reviewed, "
                     "c.review_id, c.review_verdict, c.reviewer, c.reviewed_at, c.excluded, "
                     "a.url, a.title, a.published, a.feed" + base + _and(where)
                + " ORDER BY a.published DESC, c.article_id, c.start_char, c.org LIMIT ? OFFSET ?",
                [*params, limit, offset])
    return total, page


EXPORT_FIELDS = ("article_id", "org", "stance", "speaker", "sentence", "start", "end", "victim_count",
                 "victim_unit", "event_date", "url", "published", "feed", "title", "hedged", "cue",
                 "speaker_name", "rule_version", "id", "reviewed", "review_verdict")


_EXPORT_FORMATS = {"csv": "(HEADER)", "json": "(FORMAT JSON, ARRAY true)"}  # constant COPY options


def write_claims_export(con: duckdb.DuckDBPyConnection, f: ClaimFilter, path: str, fmt: str) -> None:
    """Write the view's claims (export fields) to ``path`` as CSV with a header or as a JSON array.

    DuckDB writes the file itself: 500,000 claims take about a second, where building Python
    rows would take ten.
    """
    if fmt not in _EXPORT_FORMATS:
        raise ValueError(f"format must be one of {sorted(_EXPORT_FORMATS)}")
    where, params = _claim_where(f)
    con.execute("COPY (SELECT c.article_id, c.org, c.stance, c.speaker, c.sentence, c.start_char AS start, "
                "c.end_char AS \"end\", c.victim_count, c.victim_unit, c.event_date, a.url, a.published, a.feed, "
                "a.title, c.hedged, c.cue, c.speaker_name, c.rule_version, c.id, c.reviewed, c.review_verdict "
                "FROM " + claims_relation(con) + " c JOIN articles a ON a.id = c.article_id" + _and(where)
                + " ORDER BY a.published, c.article_id, c.start_char) TO ? " + _EXPORT_FORMATS[fmt], [*params, path])


def org_timeline(con: duckdb.DuckDBPyConnection, org: str, groups: Sequence[str], f: ClaimFilter,
                 limit: int = 1500) -> tuple[int, list[dict[str, Any]]]:
    """(total, the latest ``limit`` claims, oldest first) about ``org``, plus its groups' denials and confirmations.

    A group's reaction counts for its establishments (the divergence contract); the
    organisation filter of ``f`` is replaced by ``org``.
    """
    where, params = _claim_where(ClaimFilter(f.start, f.end, None, f.feeds, f.stances, f.speakers))
    where.append("(c.org = ? OR (list_contains(?, c.org) AND c.stance IN ('denial', 'confirmation')))")
    params += [org, list(groups)]
    base = " FROM " + claims_relation(con) + " c JOIN articles a ON a.id = c.article_id" + _and(where)
    total = con.execute("SELECT count(*)" + base, params).fetchone()[0]
    latest = rows(con, "SELECT " + _CLAIM_ROW + base + " ORDER BY a.published DESC, c.article_id DESC, c.start_char DESC "
                       "LIMIT ?", [*params, limit])
    return total, latest[::-1]


def search_orgs(con: duckdb.DuckDBPyConnection, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Organisations with claims whose name contains ``query`` (case- and accent-insensitive)."""
    return rows(con, "SELECT c.org, count(*) AS claims, max(a.published) AS last FROM " + claims_relation(con)
                + " c JOIN articles a ON a.id = c.article_id "
                  "WHERE contains(strip_accents(lower(c.org)), strip_accents(lower(?))) "
                  "GROUP BY c.org ORDER BY claims DESC, c.org LIMIT ?", [query, limit])


def search_articles(con: duckdb.DuckDBPyConnection, query: str, f: ClaimFilter,
                    limit: int = 20) -> tuple[int, list[dict[str, Any]]]:
    """Articles whose title or text contains ``query`` (case-insensitive), newest first."""
    return articles_page(con, f, query=query, limit=limit)


# ---------------------------------------------------------------- incidents (tables of migration 003)
def has_incidents(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether incidents are stored (``pipeline.incidents.refresh_incidents`` ran on this database)."""
    return has_table(con, "incidents") and has_table(con, "incident_claims")


_ORDERS = {  # constant ORDER BY clauses, chosen by name
    "recent": "i.last_date DESC NULLS LAST, i.score DESC, i.id",
    "divergent": "i.score DESC, i.last_date DESC NULLS LAST, i.id",
}


def incident_summaries(con: duckdb.DuckDBPyConnection, f: ClaimFilter, *, order: str = "recent",
                       limit: int = 20, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of incidents having claims in the view) without their claims.

    Each row: id, title, first_date, last_date, score, detail (JSON text: organisations'
    reports, counts, divergence), orgs (org, status, verification), claims and outlets in the view.
    """
    if not has_incidents(con):
        return 0, []
    if order not in _ORDERS:
        raise ValueError(f"order must be one of {sorted(_ORDERS)}")
    orgs = ("(SELECT list({'org': o.org, 'status': o.status, 'verification': o.verification} ORDER BY o.org) "
            "FROM incident_orgs o WHERE o.incident_id = i.id) AS orgs")
    where, params = _claim_where(f)
    if not where:  # the unfiltered view: stored figures, no join over every claim
        total = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
        page = rows(con, "WITH v AS (SELECT incident_id, count(*) AS claims FROM incident_claims GROUP BY incident_id) "
                         "SELECT i.id, i.title, i.first_date, i.last_date, i.score, i.detail, coalesce(v.claims, 0) "
                         "AS claims, json_extract(i.detail, '$.outlets')::INTEGER AS outlets, " + orgs
                    + " FROM incidents i LEFT JOIN v ON v.incident_id = i.id ORDER BY " + _ORDERS[order]
                    + " LIMIT ? OFFSET ?", [limit, offset])
        return total, page
    in_view = ("SELECT ic.incident_id, count(*) AS claims, count(DISTINCT a.feed) AS outlets "
               "FROM incident_claims ic JOIN " + claims_relation(con) + " c ON c.id = ic.claim_id "
               "JOIN articles a ON a.id = c.article_id" + _and(where) + " GROUP BY ic.incident_id")
    total = con.execute("SELECT count(*) FROM (" + in_view + ")", params).fetchone()[0]
    page = rows(con, "WITH v AS (" + in_view + ") SELECT i.id, i.title, i.first_date, i.last_date, i.score, i.detail, "
                     "v.claims, v.outlets, " + orgs + " FROM incidents i JOIN v ON v.incident_id = i.id ORDER BY "
                + _ORDERS[order] + " LIMIT ? OFFSET ?", [*params, limit, offset])
    return total, page


def incident_detail(con: duckdb.DuckDBPyConnection, incident_id: str) -> dict[str, Any] | None:
    """One stored incident without its claims: id, title, dates, score and the JSON ``detail`` text."""
    if not has_incidents(con):
        return None
    found = rows(con, "SELECT id, title, first_date, last_date, score, detail FROM incidents WHERE id = ?",
                 [incident_id])
    return found[0] if found else None


def incident_claims(con: duckdb.DuckDBPyConnection, incident_id: str) -> list[dict[str, Any]]:
    """The claims of one incident (reviews applied; ``read.claims`` keys), oldest first."""
    if not has_incidents(con):
        return []
    return rows(con, "SELECT " + _CLAIM_ROW + ", ic.incident_id FROM incident_claims ic "
                     "JOIN " + claims_relation(con) + " c ON c.id = ic.claim_id "
                     "JOIN articles a ON a.id = c.article_id WHERE ic.incident_id = ? "
                     "ORDER BY a.published, c.article_id, c.start_char", [incident_id])


def org_incidents(con: duckdb.DuckDBPyConnection, org: str) -> list[dict[str, Any]]:
    """Incidents an organisation is part of, most recent first, with its status in each."""
    if not has_incidents(con):
        return []
    return rows(con, "SELECT i.id, i.title, i.first_date, i.last_date, i.score, o.status, o.verification, i.detail "
                     "FROM incident_orgs o JOIN incidents i ON i.id = o.incident_id WHERE o.org = ? "
                     "ORDER BY i.last_date DESC NULLS LAST, i.id", [org])
