"""Reviews (migration 004): stored with who and when, applied by read.claims, surviving re-extraction, undoable."""

from __future__ import annotations

from datetime import datetime, timezone

import duckdb
import pytest

from pipeline.errors import InputError
from pipeline.incidents.divergence import divergences
from pipeline.nlp.orgs import Org, Registry
from pipeline.records import Analysis, Article, Claim, FeedConfig
from pipeline.store import db, read, write

TEXT = ("Doctolib aurait été piraté selon un forum. Doctolib dément toute intrusion. "
        "La mairie de Belfort inaugure un gymnase.")
S1 = (0, 42)  # "Doctolib aurait été piraté selon un forum."
S2 = (43, 75)  # "Doctolib dément toute intrusion."
S3 = (76, len(TEXT))


def _claims(rule: str = "v1") -> tuple[Claim, ...]:
    return (
        Claim("Doctolib", "attribution", "press", TEXT[S1[0]:S1[1]], *S1, cue="attribution.hedged", rule_version=rule),
        Claim("Doctolib", "denial", "organization", TEXT[S2[0]:S2[1]], *S2, cue="denial.direct", rule_version=rule),
        Claim("Mairie de Belfort", "attribution", "press", TEXT[S3[0]:S3[1]], *S3, rule_version=rule),
    )


@pytest.fixture()
def path(tmp_path) -> str:
    p = str(tmp_path / "reviews.duckdb")
    with db.connect(p) as con:
        write.upsert_feeds(con, [FeedConfig(name="Info", url="https://info.example/rss")])
        [aid] = write.insert_articles(con, [Article(url="https://info.example/a", guid="a", title="Titre", text=TEXT,
                                                    published=datetime(2026, 1, 7, 9, tzinfo=timezone.utc),
                                                    feed="Info")])
        write.store_analysis(con, aid, Analysis(id=aid, claims=_claims()), "v1")
    return p


def _review(con, claim: dict, verdict: str, **kw) -> str:
    return write.add_review(con, article_id=claim["article_id"], start=claim["start"], end=claim["end"],
                            orig_org=claim["org"], orig_stance=claim["stance"], claim_id=claim["id"],
                            sentence=claim["sentence"], verdict=verdict, reviewer=kw.pop("reviewer", "Camille"), **kw)


def test_unreviewed_claims_keep_their_keys_and_say_so(path):
    with db.connect(path, read_only=True) as con:
        rows = read.claims(con)
    assert len(rows) == 3
    assert all(r["reviewed"] is False and r["review_verdict"] is None for r in rows)
    assert {"id", "article_id", "org", "stance", "speaker", "sentence", "start", "end", "url", "published",
            "feed"} <= set(rows[0])


def test_a_correction_overrides_extraction_in_claims_and_divergences(path):
    registry = Registry()
    registry.add(Org("Doctolib"))
    with db.connect(path) as con:
        denial = next(c for c in read.claims(con) if c["stance"] == "denial")
        assert {d["org"]: d["status"] for d in divergences(read.claims(con), registry)}["Doctolib"] == "contested"
        _review(con, denial, "wrong_stance", stance="attribution", note="c'est une citation du forum")
        rows = read.claims(con)
    fixed = next(r for r in rows if r["start"] == S2[0])
    assert (fixed["stance"], fixed["reviewed"], fixed["review_verdict"]) == ("attribution", True, "wrong_stance")
    assert {d["org"]: d["status"] for d in divergences(rows, registry)}["Doctolib"] == "attributed"


def test_rejected_claims_disappear_and_the_review_records_who_and_when(path):
    with db.connect(path) as con:
        noise = next(c for c in read.claims(con) if c["org"] == "Mairie de Belfort")
        _review(con, noise, "not_claim", reviewer="Alex")
        assert "Mairie de Belfort" not in {c["org"] for c in read.claims(con)}
        [review] = read.reviews(con)
    assert review["reviewer"] == "Alex" and review["verdict"] == "not_claim"
    assert isinstance(review["created_at"], datetime) and review["undone_at"] is None


def test_wrong_organisation_with_and_without_the_right_one(path):
    with db.connect(path) as con:
        first = next(c for c in read.claims(con) if c["stance"] == "attribution" and c["org"] == "Doctolib")
        _review(con, first, "wrong_org", org="Hôpital privé de la Miotte")
        assert "Hôpital privé de la Miotte" in {c["org"] for c in read.claims(con)}
        _review(con, first, "wrong_org")  # a later review wins: no right organisation known -> removed
        orgs = [c["org"] for c in read.claims(con)]
    assert "Hôpital privé de la Miotte" not in orgs and orgs.count("Doctolib") == 1


def test_reviews_survive_reextraction_even_when_claim_ids_change(path):
    with db.connect(path) as con:
        denial = next(c for c in read.claims(con) if c["stance"] == "denial")
        _review(con, denial, "correct")
        aid = denial["article_id"]
        # new rules find one more claim first: the others move down the list, so their ids change
        extra = Claim("Forum", "attribution", "press", TEXT[S1[0]:S1[1]], *S1, rule_version="v2")
        write.store_analysis(con, aid, Analysis(id=aid, claims=(extra, *_claims("v2"))), "v2")
        rows = read.claims(con)
    again = next(r for r in rows if r["start"] == S2[0])
    assert again["id"] != denial["id"]
    assert again["reviewed"] and again["review_verdict"] == "correct" and again["rule_version"] == "v2"


def test_undo_restores_the_extraction_and_keeps_the_history(path):
    with db.connect(path) as con:
        noise = next(c for c in read.claims(con) if c["org"] == "Mairie de Belfort")
        rid = _review(con, noise, "not_claim")
        assert write.undo_review(con, rid, "Camille")
        assert not write.undo_review(con, rid, "Camille")  # already undone
        assert "Mairie de Belfort" in {c["org"] for c in read.claims(con)}
        [history] = read.review_history(con, noise["article_id"], noise["start"], noise["end"], noise["org"],
                                        noise["stance"])
    assert history["undone_by"] == "Camille" and history["undone_at"] is not None


@pytest.mark.parametrize("kw", [{"verdict": "peut-être"}, {"verdict": "fixed", "stance": "rumeur"},
                                {"verdict": "fixed", "speaker": "voisin"}, {"verdict": "correct", "reviewer": " "},
                                {"verdict": "fixed", "victim_count": 12}])
def test_bad_reviews_are_refused(path, kw):
    with db.connect(path) as con:
        claim = read.claims(con)[0]
        with pytest.raises(InputError):
            _review(con, claim, **kw)


def test_databases_made_before_the_reviews_table_still_read(tmp_path):
    """A database written before migration 004 is brought up to date when a reader opens it."""
    p = tmp_path / "old.duckdb"
    con = duckdb.connect(str(p))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    for version, name, sql in db.MIGRATIONS:
        if version >= 4:
            break
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
    con.execute("INSERT INTO articles (id, url, title, text, published, first_seen, feed) VALUES "
                "('a', 'https://x.example/a', 't', 'x', now(), now(), 'F')")
    con.execute("INSERT INTO claims (id, article_id, org, stance, speaker, sentence, start_char, end_char, rule_version) "
                "VALUES ('c', 'a', 'Doctolib', 'denial', 'press', 'x', 0, 1, 'v1')")
    con.close()
    with db.connect(str(p), read_only=True) as ro:
        [row] = read.claims(ro)
        assert row["reviewed"] is False and read.reviews(ro) == []


def test_feeds_added_from_the_dashboard(path):
    with db.connect(path) as con:
        write.add_feed(con, FeedConfig(name="Nouveau", url="https://nouveau.example/rss"))
        with pytest.raises(InputError):
            write.add_feed(con, FeedConfig(name="Nouveau", url="https://autre.example/rss"))
        with pytest.raises(InputError):
            write.add_feed(con, FeedConfig(name="Autre", url="https://nouveau.example/rss"))
        assert write.set_feed_enabled(con, "Nouveau", False)
        row = next(f for f in read.feeds(con) if f["name"] == "Nouveau")
        assert row["origin"] == "dashboard" and not row["enabled"]
        assert write.remove_feed(con, "Nouveau") and not write.remove_feed(con, "Nouveau")
        assert not write.set_feed_enabled(con, "Nouveau", True)
        assert read.article_count(con) == 1  # articles are evidence: removing a feed keeps them
