"""The ``incidents``, ``alerts`` and ``divergences`` commands on a stored case."""

from __future__ import annotations

import json

import pytest

from pipeline.__main__ import main


@pytest.fixture()
def stored(tmp_path, cases):
    path = str(tmp_path / "cli.duckdb")
    cases.store(cases.load("shared_by_two_orgs.json"), path)
    cases.store(cases.load("confirmation_after_denial.json"), path)
    return path


INCIDENT_FIELDS = {"id", "title", "organizations", "first_date", "last_date", "claims", "orgs", "counts",
                   "count_spread", "divergence"}
ORG_FIELDS = {"org", "status", "verification", "attributions", "denials", "confirmations", "transitions",
              "first_outlet", "first_reaction", "reaction_delay_days", "voices", "independent_origins",
              "relaying_outlets", "repeated_after_denial"}


def test_incidents_json(stored, capsys):
    assert main(["incidents", "--db", stored, "--json"]) == 0
    incidents = json.loads(capsys.readouterr().out)
    assert len(incidents) == 4
    for inc in incidents:
        assert INCIDENT_FIELDS <= set(inc)
        assert inc["id"].startswith("inc-")
        assert 0 <= inc["divergence"]["score"] <= 100 and inc["divergence"]["explanation"]
        for o in inc["orgs"]:
            assert ORG_FIELDS <= set(o)
        assert all(c["incident_id"] == inc["id"] and "T" in c["published"] for c in inc["claims"])
    shared = next(i for i in incidents if "Doctolib" in i["organizations"])
    assert set(shared["organizations"]) == {"Doctolib", "Hôpital privé de la Miotte"}
    assert main(["incidents", "--db", stored]) == 0
    assert "contesté" in capsys.readouterr().out


def test_divergences_gain_the_incident_of_each_organisation(stored, capsys):
    assert main(["incidents", "--db", stored, "--json"]) == 0
    incidents = {i["id"]: i for i in json.loads(capsys.readouterr().out)}
    assert main(["divergences", "--db", stored, "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert {"org", "status", "attributions", "denials", "confirmations", "first_attribution", "first_denial",
            "articles", "incident"} <= set(entries[0])
    for e in entries:
        assert e["org"] in incidents[e["incident"]]["organizations"]


def test_alerts_since(stored, capsys):
    assert main(["alerts", "--db", stored, "--since", "2026-03-10", "--json"]) == 0
    alerts = json.loads(capsys.readouterr().out)
    assert [a["kind"] for a in alerts] == ["confirmation_after_denial"]
    assert alerts[0]["sent_at"] is None
    assert main(["alerts", "--db", stored]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and lines[0].startswith("2026-01-07  denial")


def test_alerts_usage_errors(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["alerts", "--since", "mars 2026"])
    assert exc.value.code == 2
    assert main(["alerts", "--db", str(tmp_path / "absent.duckdb")]) == 2
    assert "does not exist" in capsys.readouterr().err
