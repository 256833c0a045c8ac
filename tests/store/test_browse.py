"""The dashboard's SQL reads (pipeline.store.browse) on a small real database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pipeline.incidents import refresh_incidents
from pipeline.records import Analysis, Article, Claim, DateMention, FeedConfig, OrgMention, VictimCount
from pipeline.store import browse, db, read, write
from pipeline.store.browse import ClaimFilter

T0 = datetime(2026, 1, 5, 10, tzinfo=timezone.utc)
STORY = [  # (feed, day offset, text, claims as (org, stance, speaker, start, end))
    ("Info", 0, "Doctolib aurait été piraté, 152 000 patients touchés.",
     [("Doctolib", "attribution", "press", 0, 54)]),
    ("Dépêches", 2, "Doctolib dément avoir été piraté. L'Hôpital privé de la Miotte reste silencieux.",
     [("Doctolib", "denial", "organization", 0, 33), ("Hôpital privé de la Miotte", "attribution", "press", 34, 81)]),
    ("Info", 40, "Un gymnase ouvre à Belfort.", []),
]


@pytest.fixture()
def path(tmp_path) -> str:
    p = str(tmp_path / "browse.duckdb")
    with db.connect(p) as con:
        write.upsert_feeds(con, [FeedConfig(name="Info", url="https://info.example/rss"),
                                 FeedConfig(name="Dépêches", url="https://depeches.example/rss")])
        for i, (feed, day, text, claims) in enumerate(STORY):
            [aid] = write.insert_articles(con, [Article(url=f"https://{i}.example/a", guid=str(i), title=f"Titre {i}",
                                                        text=text, published=T0 + timedelta(days=day), feed=feed)])
            orgs = tuple(OrgMention(o, o, text.find(o), text.find(o) + len(o)) for o, *_ in claims if o in text)
            counts = (VictimCount(152000, "patient", None, "152 000 patients", 28, 44),) if "152" in text else ()
            write.store_analysis(con, aid, Analysis(
                id=aid, organizations=orgs, victim_counts=counts,
                dates=(DateMention("2026-01-05", "day", "Un", 0, 2),) if i == 2 else (),
                claims=tuple(Claim(o, s, sp, text[a:b], a, b, cue=f"{s}.test", rule_version="v1")
                             for o, s, sp, a, b in claims)), "v1")
    return p


def test_key_figures_follow_the_filters(path):
    with db.connect(path, read_only=True) as con:
        everything = browse.key_figures(con, ClaimFilter())
        assert (everything["articles"], everything["claims"], everything["orgs"], everything["outlets"]) == (3, 3, 2, 2)
        assert (everything["attributions"], everything["denials"]) == (2, 1)
        denials = browse.key_figures(con, ClaimFilter(stances=("denial",)))
        assert denials["claims"] == 1 and denials["outlets"] == 1
        first_day = browse.key_figures(con, ClaimFilter(start=T0 - timedelta(hours=12), end=T0 + timedelta(days=1)))
        assert (first_day["articles"], first_day["claims"]) == (1, 1)
        info = browse.key_figures(con, ClaimFilter(feeds=("Info",), speakers=("press",), org="Doctolib"))
        assert info["claims"] == 1 and info["articles"] == 2  # articles count the period and outlets only


def test_org_stance_counts_and_coverage(path):
    with db.connect(path, read_only=True) as con:
        counts = {(r["org"], r["stance"]): r["n"] for r in browse.org_stance_counts(con, ClaimFilter(org="ignored"))}
        assert counts == {("Doctolib", "attribution"): 1, ("Doctolib", "denial"): 1,
                          ("Hôpital privé de la Miotte", "attribution"): 1}
        days = browse.coverage(con, ClaimFilter(org="Doctolib"), "day")
        assert [(str(r["period"]), r["stance"]) for r in days] == [("2026-01-05", "attribution"), ("2026-01-07", "denial")]
        assert len(browse.coverage(con, ClaimFilter(org="Doctolib"), "month")) == 2
        with pytest.raises(ValueError):
            browse.coverage(con, ClaimFilter(), "'; DROP TABLE claims; --")


def test_articles_page_search_paging_and_annotations(path):
    with db.connect(path, read_only=True) as con:
        total, page = browse.articles_page(con, ClaimFilter(), limit=2)
        assert total == 3 and [a["title"] for a in page] == ["Titre 2", "Titre 1"]  # newest first
        total, page = browse.articles_page(con, ClaimFilter(), limit=2, offset=2)
        assert [a["title"] for a in page] == ["Titre 0"]
        total, page = browse.articles_page(con, ClaimFilter(), query="DOCTOLIB")
        assert total == 2
        total, _ = browse.articles_page(con, ClaimFilter(), with_claims=True)
        assert total == 2
        total, _ = browse.articles_page(con, ClaimFilter(stances=("denial",)))
        assert total == 1
        total, _ = browse.articles_page(con, ClaimFilter(), query="100%_")  # wildcards are literal text
        assert total == 0
        notes = browse.article_annotations(con, [a["id"] for a in browse.articles_page(con, ClaimFilter())[1]])
        first = next(n for n in notes.values() if n["counts"])
        assert first["counts"][0]["mention"] == "152 000 patients" and first["orgs"][0]["label"] == "Doctolib"


def test_claims_page_by_review_state_and_export(path):
    with db.connect(path) as con:
        total, page = browse.claims_page(con, ClaimFilter(), state="unreviewed", limit=2)
        assert total == 3 and len(page) == 2
        c = page[0]
        write.add_review(con, article_id=c["article_id"], start=c["start"], end=c["end"], orig_org=c["extracted_org"],
                         orig_stance=c["extracted_stance"], verdict="not_claim", reviewer="Camille")
        assert browse.claims_page(con, ClaimFilter(), state="reviewed")[0] == 1
        total, page = browse.claims_page(con, ClaimFilter(), state="all")
        assert total == 3 and sum(r["excluded"] for r in page) == 1  # rejected claims stay reviewable
        assert browse.key_figures(con, ClaimFilter())["claims"] == 2


def test_exports_are_written_by_duckdb(path, tmp_path):
    import csv
    import json

    with db.connect(path, read_only=True) as con:
        browse.write_claims_export(con, ClaimFilter(org="Doctolib"), str(tmp_path / "c.csv"), "csv")
        browse.write_claims_export(con, ClaimFilter(stances=("denial",)), str(tmp_path / "c.json"), "json")
        with pytest.raises(ValueError):
            browse.write_claims_export(con, ClaimFilter(), str(tmp_path / "c.x"), "parquet; DROP TABLE claims")
    rows = list(csv.DictReader((tmp_path / "c.csv").open(encoding="utf-8")))
    assert [r["stance"] for r in rows] == ["attribution", "denial"] and list(rows[0]) == list(browse.EXPORT_FIELDS)
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert [(d["org"], d["stance"], d["reviewed"]) for d in data] == [("Doctolib", "denial", False)]


def test_org_timeline_includes_the_groups_reactions(path):
    with db.connect(path, read_only=True) as con:
        total, rows = browse.org_timeline(con, "Hôpital privé de la Miotte", ["Doctolib"], ClaimFilter())
        assert total == 2 and [(r["org"], r["stance"]) for r in rows] == [
            ("Doctolib", "denial"), ("Hôpital privé de la Miotte", "attribution")]
        total, rows = browse.org_timeline(con, "Doctolib", [], ClaimFilter(), limit=1)
        assert total == 2 and [r["stance"] for r in rows] == ["denial"]  # the latest kept


def test_search_orgs_ignores_case_and_accents(path):
    with db.connect(path, read_only=True) as con:
        assert [o["org"] for o in browse.search_orgs(con, "hopital prive")] == ["Hôpital privé de la Miotte"]
        assert browse.search_orgs(con, "zzz") == []


def test_incident_reads(path):
    with db.connect(path, read_only=True) as con:
        assert browse.incident_summaries(con, ClaimFilter()) == (0, [])
    refresh_incidents(path)
    with db.connect(path, read_only=True) as con:
        total, page = browse.incident_summaries(con, ClaimFilter())
        assert total >= 1
        doctolib = next(i for i in page if any(o["org"] == "Doctolib" for o in i["orgs"]))
        assert doctolib["claims"] >= 2 and doctolib["score"] >= 0
        claims = browse.incident_claims(con, doctolib["id"])
        assert {c["stance"] for c in claims} >= {"attribution", "denial"}
        assert browse.incident_detail(con, doctolib["id"])["title"]
        assert browse.org_incidents(con, "Doctolib")[0]["id"] == doctolib["id"]
        assert browse.incident_summaries(con, ClaimFilter(feeds=("Nowhere",)))[0] == 0
        with pytest.raises(ValueError):
            browse.incident_summaries(con, ClaimFilter(), order="id; DROP TABLE incidents")


def test_data_version_moves_with_reviews(path):
    with db.connect(path) as con:
        before = browse.data_version(con)
        c = read.claims(con)[0]
        rid = write.add_review(con, article_id=c["article_id"], start=c["start"], end=c["end"], orig_org=c["org"],
                               orig_stance=c["stance"], verdict="correct", reviewer="Camille")
        reviewed = browse.data_version(con)
        write.undo_review(con, rid, "Camille")
        undone = browse.data_version(con)
    assert len({before, reviewed, undone}) == 3
