"""End to end with the language model: the demo corpus in a database, and ``--from-jsonl``.

Extraction keeps improving, so these assert what the stories must give whatever the details:
the Miotte/Doctolib leak is one incident holding both organisations, and the June 2025 offer
of Miotte data is another.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.__main__ import main
from pipeline.incidents import refresh_incidents
from pipeline.store import db, read

pytestmark = pytest.mark.model

MIOTTE = "Hôpital privé de la Miotte"
PASSAGES = Path(__file__).resolve().parent.parent / "data" / "incidents" / "passages.jsonl"


def _incident_of_claims(incidents: list[dict], predicate) -> set[str]:
    return {inc["id"] for inc in incidents for c in inc["claims"] if predicate(c)}


def test_demo_miotte_and_doctolib(demo_db, capsys):
    report = refresh_incidents(str(demo_db))
    assert report.incidents >= 2
    with db.connect(str(demo_db), read_only=True) as con:
        incidents = read.incidents(con)
    assert len(incidents) == report.incidents

    january = [i for i in incidents if {"Doctolib", MIOTTE} <= set(i["organizations"])]
    assert len(january) == 1, [(i["title"], i["organizations"]) for i in incidents]
    story = january[0]
    assert story["first_date"].startswith("2026-01")
    assert "janvier 2026" in story["title"]
    doctolib = next(o for o in story["orgs"] if o["org"] == "Doctolib")
    assert doctolib["denials"] >= 1 and doctolib["attributions"] >= 1

    june = _incident_of_claims(incidents, lambda c: c["org"] == MIOTTE and c["published"].year == 2025)
    assert june, "the June 2025 article names the Miotte hospital"
    assert story["id"] not in june
    for inc in (i for i in incidents if i["id"] in june):
        assert "Doctolib" not in inc["organizations"]
        assert inc["first_date"].startswith("2025-06")

    assert refresh_incidents(str(demo_db)).new_alerts == ()  # nothing new the second time
    assert main(["divergences", "--db", str(demo_db), "--json"]) == 0
    entries = {e["org"]: e for e in json.loads(capsys.readouterr().out)}
    assert entries["Doctolib"]["incident"] == story["id"]


def test_incidents_from_jsonl(nlp, capsys):
    assert main(["incidents", "--from-jsonl", str(PASSAGES), "--json"]) == 1  # one malformed line
    captured = capsys.readouterr()
    assert ":4: skipped" in captured.err
    incidents = json.loads(captured.out)
    doctolib = [i for i in incidents if "Doctolib" in i["organizations"]]
    assert len(doctolib) == 1
    assert doctolib[0]["first_date"] in {"2026-01-05", "2026-01-07", "2026-01-12"}
    assert {c["article_id"] for c in doctolib[0]["claims"]} <= {"p1", "p2", "p3"}
    assert {c["feed"] for c in doctolib[0]["claims"]} <= {"CyberVeille", "Hexagone Dépêches", "Info Alpes"}
