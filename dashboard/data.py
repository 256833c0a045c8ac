"""Cached reads for the dashboard (the few writes live in ``actions``).

Every read opens a short read-only connection (``db.connect(..., read_only=True)`` retries
while the watcher holds the write lock) and is cached with ``st.cache_data`` under the
database path and a *data version* (counts and latest timestamps of articles, claims,
reviews and incidents, see ``browse.data_version``), so a cached view is dropped as soon as
the data changes and after ``TTL`` seconds at worst. Aggregation happens in SQL
(``pipeline.store.browse``); this module only shapes rows for display.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pandas as pd
import streamlit as st

from pipeline import settings
from pipeline.errors import RecoupeError
from pipeline.incidents.divergence import status_of
from pipeline.incidents.rows import lineage
from pipeline.nlp.orgs import Registry, load_registry
from pipeline.store import browse, db, read
from pipeline.store.browse import ClaimFilter

from .state import PARIS

LOGGER = logging.getLogger(__name__)

TTL = 600  # seconds a cached read may live even if the data version did not change
READ_WAIT = 5.0  # seconds a read waits for the watcher's write lock before giving up


@dataclass(frozen=True)
class Database:
    """What the dashboard knows about its database before showing anything."""

    path: str
    state: str  # ok | missing | empty | busy | error
    version: tuple = ()
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def db_path() -> str:
    return str(settings.load_settings()["db_path"])


BUSY = ("La base est occupée par une écriture (collecte ou relecture en cours) : patientez quelques secondes "
        "puis rechargez la page.")


@contextmanager
def reading(path: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short read-only connection; if the writer keeps the lock past ``READ_WAIT``, say so and stop the page."""
    try:
        with db.connect(path, read_only=True, wait=READ_WAIT) as con:
            yield con
    except duckdb.IOException as exc:
        LOGGER.warning("database %s unavailable: %s", path, exc)
        st.warning(BUSY, icon=":material/hourglass_top:")
        st.stop()


@st.cache_data(ttl=2, show_spinner=False)
def probe(path: str) -> Database:
    """The database's state and data version (cached two seconds: one probe per page run)."""
    if path != ":memory:" and not Path(path).exists():
        return Database(path, "missing")
    try:
        with db.connect(path, read_only=True, wait=READ_WAIT) as con:
            if not read.has_table(con, "articles"):
                return Database(path, "empty")
            version = browse.data_version(con)
    except duckdb.IOException as exc:
        LOGGER.warning("database %s unavailable: %s", path, exc)
        return Database(path, "busy", detail=str(exc))
    except (duckdb.Error, RecoupeError) as exc:
        LOGGER.exception("cannot read database %s", path)
        return Database(path, "error", detail=str(exc))
    if version[0] == "0":
        return Database(path, "empty", version)
    return Database(path, "ok", version)


@st.cache_resource(show_spinner=False)
def registry() -> Registry:
    return load_registry()


# ---------------------------------------------------------------- filters and key figures
@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def options(path: str, version: tuple) -> dict[str, Any]:
    with reading(path) as con:
        return browse.filter_options(con)


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def figures(path: str, version: tuple, cf: ClaimFilter) -> dict[str, Any]:
    with reading(path) as con:
        return browse.key_figures(con, cf)


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def org_statuses(path: str, version: tuple, cf: ClaimFilter) -> pd.DataFrame:
    """One row per possible victim: attributions, denials (its own or its group's), confirmations, status.

    The same rules as ``pipeline.incidents.divergence.divergences``, on counts aggregated in SQL.
    """
    with reading(path) as con:
        counts = browse.org_stance_counts(con, cf)
    return statuses_from_counts(counts, registry(), only=cf.org)


def _paris(value):
    return value.astimezone(PARIS) if value is not None else None


def statuses_from_counts(counts: list[dict], reg: Registry, only: str | None = None) -> pd.DataFrame:
    """Per-organisation statuses from ``browse.org_stance_counts`` rows (a group's reactions count for it)."""
    by_org: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in counts:
        by_org[r["org"]][r["stance"]] = r
    out = []
    for org, own in by_org.items():
        if reg.role(org) != "victim" or (only and org != only):
            continue
        attribution = own.get("attribution")
        speakers = lineage(org, reg)
        denials = [by_org[s]["denial"] for s in speakers if "denial" in by_org.get(s, {})]
        confirmations = [by_org[s]["confirmation"] for s in speakers if "confirmation" in by_org.get(s, {})]
        involved = ([attribution] if attribution else []) + denials + confirmations
        n_att = attribution["n"] if attribution else 0
        n_den = sum(d["n"] for d in denials)
        n_conf = sum(c["n"] for c in confirmations)
        out.append({
            "org": org,
            "status": status_of(n_att, n_den, n_conf),
            "attributions": n_att,
            "denials": n_den,
            "confirmations": n_conf,
            "first_attribution": _paris(attribution["first"]) if attribution else None,
            "first_denial": _paris(min((d["first"] for d in denials), default=None)),
            "last_activity": _paris(max((r["last"] for r in involved), default=None)),
            "claims": sum(r["n"] for r in own.values()),
        })
    frame = pd.DataFrame(out, columns=["org", "status", "attributions", "denials", "confirmations",
                                       "first_attribution", "first_denial", "last_activity", "claims"])
    order = {"contested": 0, "confirmed": 1, "attributed": 2, "denied": 3}
    frame["_order"] = frame["status"].map(order)
    frame = frame.sort_values(["_order", "last_activity", "org"], ascending=[True, False, True])
    return frame.drop(columns="_order").reset_index(drop=True)


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def coverage(path: str, version: tuple, cf: ClaimFilter) -> pd.DataFrame:
    """Claims per day and stance; per week beyond three months of data, per month beyond two years."""
    columns = ["period", "stance", "claims", "articles"]
    with reading(path) as con:
        frame = pd.DataFrame(browse.coverage(con, cf, "day"), columns=columns)
        if not frame.empty:
            span = (frame["period"].max() - frame["period"].min()).days
            if span > 730:
                frame = pd.DataFrame(browse.coverage(con, cf, "month"), columns=columns)
            elif span > 92:
                frame = pd.DataFrame(browse.coverage(con, cf, "week"), columns=columns)
    return frame


# ---------------------------------------------------------------- claims, articles, search
@st.cache_data(ttl=TTL, max_entries=32, show_spinner=False)
def articles_page(path: str, version: tuple, cf: ClaimFilter, query: str, with_claims: bool,
                  limit: int, offset: int) -> tuple[int, list[dict], dict]:
    """(total, articles of the page, their claims and highlight spans)."""
    with reading(path) as con:
        total, page = browse.articles_page(con, cf, query=query, with_claims=with_claims, limit=limit,
                                           offset=offset)
        notes = browse.article_annotations(con, [a["id"] for a in page])
    return total, page, notes


@st.cache_data(ttl=TTL, max_entries=32, show_spinner=False)
def claims_page(path: str, version: tuple, cf: ClaimFilter, state: str, limit: int,
                offset: int) -> tuple[int, list[dict]]:
    with reading(path) as con:
        return browse.claims_page(con, cf, state=state, limit=limit, offset=offset)


def export_claims(path: str, cf: ClaimFilter, fmt: str) -> bytes:
    """Every claim of the view as CSV or JSON bytes, written by DuckDB (called when a button is clicked)."""
    with tempfile.TemporaryDirectory(prefix="recoupe-export-") as tmp:
        target = Path(tmp) / ("claims." + fmt)
        with reading(path) as con:
            browse.write_claims_export(con, cf, str(target), fmt)
        return target.read_bytes()


@st.cache_data(ttl=TTL, max_entries=32, show_spinner=False)
def org_timeline(path: str, version: tuple, org: str, cf: ClaimFilter, limit: int) -> tuple[int, list[dict]]:
    """(total, latest claims) about an organisation, with its parent groups' denials and confirmations."""
    groups = sorted(lineage(org, registry()) - {org})
    with reading(path) as con:
        return browse.org_timeline(con, org, groups, cf, limit)


@st.cache_data(ttl=TTL, max_entries=32, show_spinner=False)
def search(path: str, version: tuple, query: str, cf: ClaimFilter) -> tuple[list[dict], int, list[dict]]:
    """(organisations, number of articles, first articles) matching a search."""
    with reading(path) as con:
        orgs = browse.search_orgs(con, query)
        total, found = browse.search_articles(con, query, cf)
    known = {o["org"] for o in orgs}
    hit = registry().lookup(query) if len(query) >= 3 else None  # an alias: "Vivalto" -> "Vivalto Santé"
    if hit and hit not in known:
        orgs.insert(0, {"org": hit, "claims": None, "last": None})
    return orgs, total, found


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def reviews(path: str, version: tuple, limit: int = 50) -> list[dict]:
    with reading(path) as con:
        return read.reviews(con, limit)


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def review_history(path: str, version: tuple, article_id: str, start: int, end: int, org: str,
                   stance: str) -> list[dict]:
    with reading(path) as con:
        return read.review_history(con, article_id, start, end, org, stance)


# ---------------------------------------------------------------- incidents (stored by pipeline.incidents)
def _detail(row: dict) -> dict:
    """A stored incident row -> the incident dict of ``build_incidents`` (without claims)."""
    try:
        detail = json.loads(row.get("detail") or "{}")
    except ValueError:
        detail = {}
    out = {**detail, **{k: v for k, v in row.items() if k != "detail"}}
    for key in ("first_date", "last_date"):
        if out.get(key) is not None:
            out[key] = str(out[key])[:10]
    return out


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def incidents_stored(path: str, version: tuple) -> bool:
    with reading(path) as con:
        return browse.has_incidents(con) and con.execute("SELECT count(*) FROM incidents").fetchone()[0] > 0


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def incident_page(path: str, version: tuple, cf: ClaimFilter, order: str, limit: int,
                  offset: int) -> tuple[int, list[dict]]:
    """(total, incidents of one page) having claims in the view; ``claims``/``outlets`` count the view."""
    with reading(path) as con:
        total, page = browse.incident_summaries(con, cf, order=order, limit=limit, offset=offset)
    out = []
    for row in page:
        inc = _detail(row)
        inc["claims_in_view"], inc["outlets_in_view"] = row["claims"], row["outlets"]
        inc["org_states"] = row["orgs"] or []
        out.append(inc)
    return total, out


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def incident(path: str, version: tuple, incident_id: str) -> dict | None:
    """One incident as ``build_incidents`` made it, its claims re-read with reviews applied."""
    with reading(path) as con:
        row = browse.incident_detail(con, incident_id)
        if row is None:
            return None
        inc = _detail(row)
        inc["claims"] = browse.incident_claims(con, incident_id)
    return inc


@st.cache_data(ttl=TTL, max_entries=32, show_spinner=False)
def org_incidents(path: str, version: tuple, org: str) -> list[dict]:
    with reading(path) as con:
        return [_detail(r) for r in browse.org_incidents(con, org)]


# ---------------------------------------------------------------- sources (small tables, never cached)
def feeds(path: str) -> list[dict]:
    with reading(path) as con:
        return read.feeds(con)


def runs(path: str, limit: int = 10) -> list[dict]:
    with reading(path) as con:
        return read.latest_runs(con, limit)


def clear() -> None:
    """After this session wrote: probe again, so the new data version invalidates cached reads."""
    probe.clear()
