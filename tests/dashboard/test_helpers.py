"""The dashboard's pure helpers: URL state, escaping, exports, charts, statuses from SQL counts."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone

import pytest

from dashboard import charts, exports
from dashboard.state import Filters
from dashboard.text import highlight, hover_escape, md_escape, safe_url

DOCTOLIB = {"id": "c1", "article_id": "a1", "org": "Doctolib", "stance": "attribution", "speaker": "press",
            "sentence": "Doctolib aurait été piraté <b>selon</b> un forum.", "start": 0, "end": 47,
            "victim_count": 152000, "victim_unit": "patient", "published": datetime(2026, 1, 5, 9, tzinfo=timezone.utc),
            "feed": "Info <img src=x>", "url": "https://info.example/a", "title": "Titre", "reviewed": True}
DENIAL = {**DOCTOLIB, "id": "c2", "stance": "denial", "speaker": "organization", "victim_count": None,
          "published": datetime(2026, 1, 7, 12, tzinfo=timezone.utc), "reviewed": False,
          "url": "javascript:alert(1)"}


def test_filters_round_trip_through_the_query_string():
    f = Filters.from_mapping({"du": "2026-01-31", "au": "2026-01-01", "org": " Doctolib ",
                              "source": ["Info", "Info", "Dépêches"], "position": ["denial", "rumeur"],
                              "locuteur": "press"})
    assert (f.start, f.end) == (date(2026, 1, 1), date(2026, 1, 31))  # swapped into order
    assert f.org == "Doctolib" and f.feeds == ("Info", "Dépêches") and f.stances == ("denial",)
    assert Filters.from_mapping(f.to_params()) == f
    assert Filters().to_params() == {} and not Filters().active
    assert Filters.from_mapping({"du": "hier", "position": "x"}) == Filters()
    cf = f.claim_filter()
    assert cf.start.isoformat() == "2026-01-01T00:00:00+01:00" and cf.end.isoformat() == "2026-02-01T00:00:00+01:00"


def test_keep_applies_period_sources_stances_and_speakers():
    f = Filters(start=date(2026, 1, 6), feeds=("Info <img src=x>",), stances=("denial",))
    assert not f.keep(DOCTOLIB) and f.keep(DENIAL)
    assert f.keep({"published": "2026-01-08", "feed": "Info <img src=x>", "stance": "denial"})
    assert not f.keep({**DENIAL, "feed": "Autre"})


@pytest.mark.parametrize("raw", ["<img src=x onerror=alert(1)>", "[lien](javascript:alert(1))", "$x^2$",
                                 ":red[rouge] :smile:", "**gras** _it_ `code` # titre", "&lt;script&gt;",
                                 "1. liste\n- puce\n> citation", "a\\b"])
def test_md_escape_leaves_no_markup(raw):
    out = md_escape(raw)
    for ch in "<>[]()$:*_`#&":
        assert f"{ch}" not in out.replace(f"\\{ch}", "")
    assert "\n" not in out


def test_highlight_escapes_inside_and_outside_spans():
    sentence = "Le 4 janvier, [Doctolib] <b>152 000</b> patients"
    spans = [{"start": 14, "end": 24, "kind": "org"}, {"start": 3, "end": 12, "kind": "date"},
             {"start": 15, "end": 20, "kind": "count"},  # overlaps the organisation: ignored
             {"start": 40, "end": 99, "kind": "count"}]  # outside the sentence: ignored
    out = highlight(sentence, spans)
    assert out.startswith("Le :green-background[4 janvier]")
    assert ":blue-background[\\[Doctolib\\]]" in out and "\\<b\\>" in out and "orange" not in out


def test_urls_and_hover_text_are_made_safe():
    assert safe_url("https://x.example/a") == "https://x.example/a"
    assert safe_url("https://x.example/a>b c<d") == "https://x.example/a%3Eb%20c%3Cd"
    for bad in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "//x.example", ""):
        assert safe_url(bad) is None
    assert hover_escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert hover_escape("mot " * 40, width=20).count("<br>") >= 5


def test_timeline_lanes_shapes_annotations_and_links():
    fig = charts.timeline([DOCTOLIB, DENIAL]).to_plotly_json()
    by_name = {t["name"]: t for t in fig["data"]}
    assert len(by_name["Attribution"]["x"]) == 1 and len(by_name["Démenti"]["x"]) == 1
    assert by_name["Attribution"]["marker"]["symbol"] == "triangle-up"
    assert by_name["Démenti"]["marker"]["symbol"] == "square"
    assert by_name["Attribution"]["marker"]["color"] != by_name["Démenti"]["marker"]["color"]
    assert by_name["Attribution"]["customdata"][0][0] == "https://info.example/a"
    assert by_name["Démenti"]["customdata"][0][0] == ""  # javascript: never becomes a link
    assert "&lt;img src=x&gt;" in by_name["Attribution"]["customdata"][0][1]
    texts = " ".join(a.get("text", "") for a in fig["layout"]["annotations"])
    assert "1re attribution" in texts and "1er démenti" in texts and "Attribution non démentie : 2 jours" in texts
    assert any(s["type"] == "rect" for s in fig["layout"]["shapes"])  # the gap is shaded
    assert len(by_name["Victimes annoncées"]["y"]) == 1
    empty = charts.timeline([]).to_plotly_json()
    assert "Aucun chiffre de victimes rapporté" in " ".join(a.get("text", "") for a in empty["layout"]["annotations"])


def test_exports_carry_the_view():
    rows = [DOCTOLIB, DENIAL]
    parsed = list(csv.DictReader(io.StringIO(exports.claims_csv(rows))))
    assert [r["stance"] for r in parsed] == ["attribution", "denial"] and parsed[0]["reviewed"] == "True"
    data = json.loads(exports.claims_json(rows))
    assert data[0]["published"] == "2026-01-05T09:00:00+00:00" and data[1]["org"] == "Doctolib"


def test_incident_dossier_in_markdown():
    incident = {"id": "inc-1", "title": "Fuite attribuée à Doctolib — janvier 2026", "first_date": "2026-01-05",
                "last_date": "2026-01-07", "articles": ["a1"], "outlets": 1,
                "divergence": {"score": 70, "explanation": "Divergence élevée : l'attribution est contestée."},
                "orgs": [{"org": "Doctolib", "verification": "contesté", "attributions": 1, "denials": 1,
                          "confirmations": 0, "transitions": [{"state": "attributed", "date": "2026-01-05",
                                                               "feed": "Info", "url": "https://info.example/a"}],
                          "repeated_after_denial": []}],
                "counts": [{"value": 152000, "unit": "patient", "date": "2026-01-05", "feed": "Info",
                            "url": "https://info.example/a"}],
                "claims": [DOCTOLIB, DENIAL]}
    md = exports.incident_markdown(incident)
    assert md.startswith("# Fuite attribuée à Doctolib")
    for part in ("## Divergence", "70/100", "## Chronologie", "## Chiffres de victimes rapportés", "152\u202f000",
                 "](<https://info.example/a>)", "> Doctolib aurait été piraté \\<b\\>selon\\<\\/b\\> un forum\\.",
                 "## Sources", "5 janv. 2026", "(relue)"):
        assert part in md, part
    assert "javascript:" not in md.replace("javascript\\:", "")


@pytest.mark.model
def test_statuses_from_sql_counts_match_the_divergences_contract(dashboard_db):
    """The overview aggregates in SQL; it must agree with pipeline.incidents.divergence on the demo."""
    from dashboard.data import statuses_from_counts
    from pipeline.incidents.divergence import divergences
    from pipeline.nlp.orgs import load_registry
    from pipeline.store import browse, db, read
    from pipeline.store.browse import ClaimFilter

    registry = load_registry()
    with db.connect(str(dashboard_db), read_only=True) as con:
        frame = statuses_from_counts(browse.org_stance_counts(con, ClaimFilter()), registry)
        expected = {d["org"]: d for d in divergences(read.claims(con), registry) if registry.role(d["org"]) == "victim"}
    assert set(frame["org"]) == set(expected)
    for row in frame.itertuples():
        d = expected[row.org]
        assert (row.status, row.attributions, row.denials, row.confirmations) == (
            d["status"], d["attributions"], d["denials"], d["confirmations"]), row.org
        assert (row.first_attribution.date().isoformat() if row.first_attribution is not None else None) == \
            d["first_attribution"]
