"""Every case of tests/data/incidents: grouping, statuses, transitions, first outlet, counts, alerts.

Adding a regression case is adding a file; its ``expect`` says what must hold:
``incidents`` (how many), ``together`` (article keys in one incident), ``apart`` (pairs in
different incidents), ``incident_orgs``, ``titles``, ``orgs`` (per organisation: verification,
status, transition ``states``, ``first_outlet``/``first_reaction`` feeds,
``repeated_after_denial`` feeds, ``voices``, ``independent_origins``, ``relaying_outlets``;
``incident`` names an article of the incident to look in), ``count_spread`` (of the first
``together`` group, or of the incident of its ``incident`` article) and ``alerts``
(how many of each kind).
"""

from __future__ import annotations

import random
from collections import Counter

from pipeline.incidents import build_incidents, find_alerts


def _incident_of(incidents: list[dict], aid: str) -> dict:
    found = [inc for inc in incidents if aid in inc["articles"]]
    assert len(found) >= 1, f"article {aid} is in no incident"
    return found[0]


def test_case(case_name, cases, registry):
    case = cases.load(case_name)
    expect = case["expect"]
    incidents = build_incidents(cases.rows(case), registry)
    aid = cases.article_id

    assert len(incidents) == expect["incidents"], [(i["title"], i["organizations"]) for i in incidents]
    for keys in expect.get("together", []):
        ids = {_incident_of(incidents, aid(k))["id"] for k in keys}
        assert len(ids) == 1, f"{keys} should form one incident"
    for a, b in expect.get("apart", []):
        assert _incident_of(incidents, aid(a))["id"] != _incident_of(incidents, aid(b))["id"], f"{a} and {b}"
    for key, orgs in expect.get("incident_orgs", {}).items():
        assert set(_incident_of(incidents, aid(key))["organizations"]) == set(orgs)
    for key, title in expect.get("titles", {}).items():
        assert _incident_of(incidents, aid(key))["title"] == title

    for org, want in expect.get("orgs", {}).items():
        holders = [i for i in incidents if org in i["organizations"]]
        inc = _incident_of(incidents, aid(want["incident"])) if "incident" in want else holders[0]
        if "incident" not in want:
            assert len(holders) == 1, f"{org} is in {len(holders)} incidents: say which"
        got = next(o for o in inc["orgs"] if o["org"] == org)
        for field in ("verification", "status", "voices", "independent_origins", "relaying_outlets"):
            if field in want:
                assert got[field] == want[field], (org, field, got[field])
        if "states" in want:
            assert [t["state"] for t in got["transitions"]] == want["states"]
        if "first_outlet" in want:
            assert got["first_outlet"]["feed"] == want["first_outlet"]
        if "first_reaction" in want:
            assert got["first_reaction"]["feed"] == want["first_reaction"]
        if "repeated_after_denial" in want:
            assert [r["feed"] for r in got["repeated_after_denial"]] == want["repeated_after_denial"]

    if "count_spread" in expect:
        want = dict(expect["count_spread"])
        spread = _incident_of(incidents, aid(want.pop("incident", expect["together"][0][0])))["count_spread"]
        assert spread is not None
        for field, value in want.items():
            assert spread[field] == value, (field, spread)
    if "alerts" in expect:
        kinds = Counter(a["kind"] for a in find_alerts(incidents))
        assert dict(kinds) == expect["alerts"]


def test_case_is_deterministic(case_name, cases, registry):
    """Same claims in any order: same incidents, same ids, same output."""
    rows = cases.rows(cases.load(case_name))
    first = build_incidents(rows, registry)
    shuffled = list(rows)
    random.Random(7).shuffle(shuffled)
    again = build_incidents(shuffled, registry)
    assert [i["id"] for i in again] == [i["id"] for i in first]
    strip = lambda incs: [{k: v for k, v in i.items() if k != "claims"} for i in incs]  # noqa: E731
    assert strip(again) == strip(first)
    assert [[c["id"] for c in i["claims"]] for i in again] == [[c["id"] for c in i["claims"]] for i in first]


def test_adding_articles_extends_incidents(case_name, cases, registry):
    """Claims of the first half of the articles, then all: every early incident keeps its id."""
    case = cases.load(case_name)
    rows = cases.rows(case)
    by_date = sorted(case["articles"], key=lambda k: case["articles"][k]["published"])
    early = {cases.article_id(k) for k in by_date[: len(by_date) // 2 + 1]}
    before = build_incidents([r for r in rows if r["article_id"] in early], registry)
    after = build_incidents(rows, registry)
    after_ids = {i["id"] for i in after}
    for inc in before:
        assert inc["id"] in after_ids, inc["title"]
        grown = next(i for i in after if i["id"] == inc["id"])
        assert set(inc["articles"]) <= set(grown["articles"])
