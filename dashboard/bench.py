"""Benchmark: is every dashboard page interactive within 2 s on 100,000 articles and 500,000 claims?

    python -m dashboard.bench                       # builds bench-out/bench.duckdb, then times
    python -m dashboard.bench --articles 20000 --claims 100000 --reuse

SYNTHETIC DATA: the database is generated with SQL (``range()``); every feed, title and
organisation is labelled "synthétique" and the URLs use the reserved ``.invalid`` domain. It
measures speed only, is written under ``bench-out/`` (git-ignored) and is never shown as real.
Incidents are synthetic too (one per organisation and 90-day window, stored in the tables of
``pipeline.incidents``); ``--real-incidents`` computes them with ``refresh_incidents`` instead.

Two figures per page: the data functions the page calls (cold = caches cleared, warm = cached),
and a full server-side run of the page with Streamlit's AppTest (cold, then warm). Browser
rendering (Plotly's JavaScript) comes on top and depends on the reader's machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"

_GENERATE = [
    # feeds: 60 synthetic outlets
    """INSERT INTO feeds (name, url, kind, enabled, last_status, last_fetched, last_success, items_seen)
       SELECT 'Synthétique ' || lpad(i::TEXT, 2, '0'), 'https://flux' || i || '.synthetique.invalid/rss',
              'press', TRUE, 'ok', now(), now(), 0 FROM range(60) t(i)""",
    # articles spread over two years
    """INSERT INTO articles (id, url, guid, title, text, summary, published, first_seen, feed, feed_kind, rule_version)
       SELECT 'syn' || i, 'https://synthetique.invalid/article/' || i, 'syn' || i,
              '[synthétique] Article ' || i || ' sur l''organisation synthétique ' || (i % 3000),
              repeat('Texte synthétique de banc d''essai : l''organisation synthétique ' || (i % 3000)
                     || ' aurait été victime d''une fuite de données selon un forum. ', 12),
              '', TIMESTAMPTZ '2024-03-01 00:00:00+00' + to_seconds((i * 631) % 63072000),
              now(), 'Synthétique ' || lpad((i % 60)::TEXT, 2, '0'), 'press', 'bench'
       FROM range(?) t(i)""",
    # claims: a heavy-tailed choice of organisations (a few big stories, many small ones)
    """INSERT INTO claims (id, article_id, org, stance, speaker, speaker_name, sentence, start_char, end_char,
                           victim_count, victim_unit, event_date, hedged, cue, rule_version)
       SELECT 'sc' || j, 'syn' || (hash(j) % ?), 'Organisation synthétique ' || lpad(o::TEXT, 4, '0'),
              CASE WHEN j % 10 < 6 THEN 'attribution' WHEN j % 10 < 9 THEN 'denial' ELSE 'confirmation' END,
              (['press', 'attacker', 'organization', 'authority', 'expert', 'other'])[1 + (j % 6)], '',
              'Phrase synthétique ' || j || ' sur l''organisation synthétique ' || o || '.',
              (j % 7) * 90, (j % 7) * 90 + 80,
              CASE WHEN j % 5 = 0 THEN 1000 * (1 + j % 300) END, CASE WHEN j % 5 = 0 THEN 'patient' END,
              NULL, j % 4 = 0, 'bench.synthetic', 'bench'
       FROM (SELECT j, floor(3000 * pow((hash(j * 7) % 1000000) / 1000000.0, 3))::INT AS o
             FROM range(?) t(j))""",
    "INSERT INTO entities (article_id, org, mention, start_char, end_char, role) "
    "SELECT article_id, org, org, start_char, start_char + 20, 'victim' FROM claims",
    "UPDATE feeds SET items_seen = (SELECT count(*) FROM articles a WHERE a.feed = feeds.name)",
]


# Synthetic incidents: one per organisation and 90-day window, with the stored shape of
# pipeline.incidents (used unless --real-incidents: the real grouping is slow at this size).
_SYNTHETIC_INCIDENTS = [
    """CREATE TEMP TABLE syn AS
       SELECT c.id AS claim_id, c.org, c.stance, a.published, a.feed,
              'inc-syn-' || left(md5(c.org || '/' || floor(epoch(a.published) / 7776000)::INT), 12) AS incident_id
       FROM claims c JOIN articles a ON a.id = c.article_id""",
    """CREATE TEMP TABLE syn_inc AS
       SELECT incident_id, org, min(published) AS first, max(published) AS last, count(DISTINCT feed) AS outlets,
              count(*) FILTER (WHERE stance = 'attribution') AS att, count(*) FILTER (WHERE stance = 'denial') AS den,
              count(*) FILTER (WHERE stance = 'confirmation') AS conf
       FROM syn GROUP BY incident_id, org""",
    """INSERT INTO incidents (id, title, first_date, last_date, score, organizations, detail, computed_at)
       SELECT incident_id, '[synthétique] Incident ' || org || ' — ' || strftime(first, '%m/%Y'),
              first::DATE, last::DATE, (hash(incident_id) % 101)::INT, to_json([org])::TEXT,
              json_object('outlets', outlets, 'articles', [],
                          'orgs', [json_object('org', org, 'status', st, 'verification', st_fr, 'attributions', att,
                                               'denials', den, 'confirmations', conf, 'transitions', [],
                                               'repeated_after_denial', [])],
                          'counts', [], 'divergence', json_object('score', (hash(incident_id) % 101)::INT,
                          'explanation', '[synthétique] données de banc d''essai'))::TEXT, now()
       FROM (SELECT *, CASE WHEN conf > 0 THEN 'confirmed' WHEN att > 0 AND den > 0 THEN 'contested'
                            WHEN den > 0 THEN 'denied' ELSE 'attributed' END AS st,
                       CASE WHEN conf > 0 THEN 'confirmé' WHEN att > 0 AND den > 0 THEN 'contesté'
                            WHEN den > 0 THEN 'démenti' ELSE 'attribué' END AS st_fr FROM syn_inc)""",
    """INSERT INTO incident_orgs (incident_id, org, status, verification)
       SELECT id, json_extract_string(detail, '$.orgs[0].org'), json_extract_string(detail, '$.orgs[0].status'),
              json_extract_string(detail, '$.orgs[0].verification') FROM incidents""",
    "INSERT INTO incident_claims (incident_id, claim_id) SELECT incident_id, claim_id FROM syn",
]


def build(path: Path, articles: int, claims: int, real_incidents: bool = False) -> None:
    """Generate the synthetic database (replaces ``path``) and store its incidents."""
    from pipeline.incidents import refresh_incidents
    from pipeline.store import db

    path.parent.mkdir(parents=True, exist_ok=True)
    for p in (path, Path(str(path) + ".wal")):
        p.unlink(missing_ok=True)
    t = time.perf_counter()
    with db.connect(str(path)) as con:
        for sql in _GENERATE:
            params = [articles] if "range(?) t(i)" in sql else [articles, claims] if "range(?) t(j)" in sql else []
            con.execute(sql, params)
        counts = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM claims)").fetchone()
    print(f"synthetic database: {counts[0]:,} articles, {counts[1]:,} claims in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    if real_incidents:
        report = refresh_incidents(str(path))
        print(f"incidents (pipeline.incidents.refresh_incidents): {report.incidents:,} "
              f"in {time.perf_counter() - t:.1f} s")
        return
    with db.connect(str(path)) as con:
        for sql in _SYNTHETIC_INCIDENTS:
            con.execute(sql)
        n = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
    print(f"synthetic incidents: {n:,} in {time.perf_counter() - t:.1f} s")


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def data_timings(path: str) -> dict[str, dict[str, float]]:
    """Cold and warm seconds of the data functions each page calls (default filters, first page)."""
    import streamlit as st

    from dashboard import data
    from dashboard.state import Filters

    db = data.probe(path)
    v, cf = db.version, Filters().claim_filter()
    with data.reading(path) as con:
        incident_id = con.execute("SELECT incident_id FROM incident_claims GROUP BY 1 ORDER BY count(*) DESC "
                                  "LIMIT 1").fetchone()[0]  # the biggest incident
        org = con.execute("SELECT org FROM claims GROUP BY org ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    org_cf = Filters(org=org).claim_filter()
    from datetime import date

    narrow = Filters(start=date(2025, 1, 1), end=date(2025, 3, 31), stances=("denial",)).claim_filter()
    pages = {
        "Vue d'ensemble": lambda: (data.options(path, v), data.figures(path, v, cf), data.org_statuses(path, v, cf),
                                   data.incidents_stored(path, v), data.incident_page(path, v, cf, "recent", 8, 0)),
        "Vue d'ensemble filtrée (démentis, 1 trimestre)": lambda: (
            data.figures(path, v, narrow), data.org_statuses(path, v, narrow),
            data.incident_page(path, v, narrow, "recent", 8, 0)),
        "Vue d'ensemble + recherche": lambda: data.search(path, v, "synthétique 42", cf),
        "Incident (le plus gros)": lambda: (data.incident_page(path, v, cf, "recent", 500, 0),
                                            data.incident(path, v, incident_id)),
        "Organisation (la plus citée)": lambda: (data.org_statuses(path, v, cf), data.org_incidents(path, v, org),
                                                 data.coverage(path, v, org_cf),
                                                 data.org_timeline(path, v, org, org_cf, 1500)),
        "Articles": lambda: data.articles_page(path, v, cf, "", False, 10, 0),
        "Articles, page 5000": lambda: data.articles_page(path, v, cf, "", False, 10, 49990),
        "Sources": lambda: (data.feeds(path), data.runs(path)),
        "Relecture": lambda: (data.claims_page(path, v, cf, "unreviewed", 10, 0), data.reviews(path, v)),
        "Export CSV de toutes les affirmations (au clic)": lambda: data.export_claims(path, cf, "csv"),
    }
    out = {}
    for name, fn in pages.items():
        st.cache_data.clear()
        data.probe(path)
        data.options(path, v)  # shared by every page through the filters
        cold = _timed(fn)
        warm = _timed(fn)
        out[name] = {"cold_s": round(cold, 3), "warm_s": round(warm, 3)}
    return out


def apptest_timings(path: str) -> dict[str, dict[str, float]]:
    """Seconds of a whole server-side page run (AppTest): first with empty caches, then again."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard import PAGES

    os.environ["RECOUPE_DB"] = path
    out = {}
    for spec in PAGES:
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        if not spec.default:
            at.run()
            at.switch_page(spec.path)
            st.cache_data.clear()
        cold = _timed(at.run)
        warm = _timed(at.run)
        if at.exception:
            raise RuntimeError(f"{spec.title}: {at.exception[0].value}")
        out[spec.title] = {"cold_s": round(cold, 3), "warm_s": round(warm, 3)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=500_000)
    parser.add_argument("--db", default=str(OUT / "bench.duckdb"), help="synthetic database (default: %(default)s)")
    parser.add_argument("--reuse", action="store_true", help="time an existing synthetic database")
    parser.add_argument("--real-incidents", action="store_true",
                        help="compute incidents with pipeline.incidents.refresh_incidents (slow at this size) "
                             "instead of synthetic ones")
    args = parser.parse_args(argv)
    import logging

    logging.basicConfig(level=logging.ERROR)
    path = Path(args.db)
    if not (args.reuse and path.exists()):
        build(path, args.articles, args.claims, args.real_incidents)
    result = {"database": str(path), "data_functions": data_timings(str(path)),
              "apptest_page_runs": apptest_timings(str(path))}
    for section in ("data_functions", "apptest_page_runs"):
        print(f"\n{section} (seconds; target: interactive within 2 s)")
        for name, t in result[section].items():
            flag = "" if t["cold_s"] <= 2 else "  > 2 s cold"
            print(f"  {name:<48} cold {t['cold_s']:>6.2f}   warm {t['warm_s']:>6.2f}{flag}")
    OUT.mkdir(exist_ok=True)
    (OUT / "dashboard-bench.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten to {OUT / 'dashboard-bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
