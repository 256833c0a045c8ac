"""Demo feeds -> database -> divergences: the story Recoupe was built for."""

from __future__ import annotations

import json

from pipeline.__main__ import main
from pipeline.run import load_demo
from pipeline.store import db, read


def test_demo_story_is_contested(demo_db, capsys):
    assert main(["divergences", "--db", str(demo_db), "--json"]) == 0
    result = {d["org"]: d for d in json.loads(capsys.readouterr().out)}
    for org in ("Doctolib", "Hôpital privé de la Miotte"):
        assert result[org]["status"] == "contested", result[org]
        assert result[org]["first_attribution"] <= result[org]["first_denial"]
    assert result["Doctolib"]["first_denial"] == "2026-01-07"
    assert result["Mutuelle des Trois Vallées"]["status"] == "confirmed"
    # hard negatives of the demo never become claims
    assert not any("Savoureuse" in org or "Mécaval" in org or "Montfaucon" in org for org in result)


def test_loading_the_demo_twice_adds_nothing(demo_db):
    with db.connect(str(demo_db)) as con:
        before = (read.article_count(con), len(read.claims(con)))
    report = load_demo(str(demo_db))
    assert report.new_article_ids == []
    with db.connect(str(demo_db)) as con:
        assert (read.article_count(con), len(read.claims(con))) == before


def test_demo_if_empty_skips_a_filled_database(demo_db, capsys):
    assert main(["demo", "--if-empty", "--db", str(demo_db)]) == 0
    assert "already holds articles" in capsys.readouterr().err
