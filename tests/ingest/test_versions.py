"""Articles change after publication: new versions from the feed, full text, scheduled re-fetches."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipeline.ingest.fetch import Fetcher
from pipeline.ingest.versions import refetch_pages
from pipeline.records import FeedConfig, RunStats
from pipeline.run import analyze_pending, ingest_feeds
from pipeline.store import db, read

from .conftest import item, rss, send

V1 = ("Doctolib aurait été victime d'un piratage, selon plusieurs médias spécialisés, après la mise en ligne le "
      "4 janvier sur le forum BreachForums de fichiers contenant les données personnelles de quelque 152 000 "
      "patients français.")
V2 = V1 + " Contactée, Doctolib dément avoir été piraté et assure que ses systèmes n'ont pas été compromis."


def _page(text: str) -> bytes:
    paragraphs = "".join(f"<p>{s}.</p>" for s in text.split(". ") if s)
    return (f"<html><head><title>Article</title><script>track()</script></head><body><nav>Accueil | Cyber</nav>"
            f"<article><h1>Fuite de données</h1>{paragraphs}</article><footer>Mentions légales</footer>"
            f"</body></html>").encode("utf-8")


def _one(path, article_id=None):
    with db.connect(str(path), read_only=True) as con:
        a = read.articles(con)[0] if article_id is None else [x for x in read.articles(con) if x["id"] == article_id][0]
        extra = con.execute("SELECT version, text_source, rule_version, refetch_stage, next_refetch, first_seen "
                            "FROM articles WHERE id = ?", [a["id"]]).fetchone()
        return a, extra, read.article_versions(con, a["id"])


def test_changed_text_for_a_known_url_is_a_new_version(server, policy, tmp_path):
    path = tmp_path / "db.duckdb"
    feed = FeedConfig(name="f", url=server.url("/rss"))
    server.static("/rss", rss([item(1, V1)]), etag='"1"')
    ingest_feeds([feed], str(path), analyze=False, policy=policy)
    server.static("/rss", rss([item(1, V2)]), etag='"2"')
    report = ingest_feeds([feed], str(path), analyze=False, policy=policy)
    assert report.stats.get("updated") == 1 and report.updated_article_ids
    a, (version, source, rule_version, *_), versions = _one(path)
    assert a["text"] == V2 and version == 2 and rule_version is None
    assert [v["text"] for v in versions] == [V1, V2] and versions[1]["seen_at"] >= versions[0]["seen_at"]
    again = ingest_feeds([feed], str(path), analyze=False, policy=policy)  # same ETag: 304
    assert again.stats.get("skip:not_modified") == 1


def test_another_feed_never_rewrites_an_article(server, policy, tmp_path):
    path = tmp_path / "db.duckdb"
    server.static("/owner", rss([item(1, V1)]))
    server.static("/aggregator", rss([item(1, "Résumé de l'agrégateur, différent.")]))
    ingest_feeds([FeedConfig(name="owner", url=server.url("/owner"))], str(path), analyze=False, policy=policy)
    report = ingest_feeds([FeedConfig(name="agg", url=server.url("/aggregator"))], str(path), analyze=False,
                          policy=policy)
    assert report.stats.get("skip:duplicate_url") == 1
    a, (version, *_), _ = _one(path)
    assert a["text"] == V1 and version == 1


def test_fulltext_feed_gets_the_page_text_and_keeps_the_summary_when_it_fails(server, policy, tmp_path):
    path = tmp_path / "db.duckdb"
    server.static("/a1", _page(V1 + " " + "La direction a porté plainte. " * 8), content_type="text/html")
    entries = [item(1, "Court résumé.", link=server.url("/a1"), guid="a1"),
               item(2, "Autre résumé.", link=server.url("/gone"), guid="a2")]
    server.static("/rss", rss(entries))
    feed = FeedConfig(name="full", url=server.url("/rss"), fulltext=True)
    report = ingest_feeds([feed], str(path), analyze=False, policy=policy)
    assert report.stats.get("ok") == 2 and not report.failed
    with db.connect(str(path), read_only=True) as con:
        rows = {r[0]: r[1:] for r in con.execute(
            "SELECT guid, text, summary, text_source, next_refetch - first_seen FROM articles").fetchall()}
    text, summary, source, due = rows["a1"]
    assert source == "page" and text.startswith("Fuite de données") and "152 000 patients" in text
    assert "Accueil" not in text and "track()" not in text and "<" not in text and summary == "Court résumé."
    assert due == timedelta(hours=24)
    assert rows["a2"][:3] == ("Autre résumé.", "Autre résumé.", "feed")
    hits = server.hits["/a1"]
    ingest_feeds([feed], str(path), analyze=False, policy=policy)  # unchanged summary: the page is not fetched again
    assert server.hits["/a1"] == hits


def test_scheduled_refetch_keeps_the_new_version_and_uses_conditional_get(server, policy, tmp_path):
    path = tmp_path / "db.duckdb"
    filler = " L'établissement a porté plainte auprès du parquet." * 8
    state = {"body": _page(V1 + filler), "etag": '"p1"'}

    def page(h):
        if h.headers.get("If-None-Match") == state["etag"]:
            send(h, 304, headers={"ETag": state["etag"]})
        else:
            send(h, 200, state["body"], headers={"ETag": state["etag"]}, content_type="text/html; charset=utf-8")

    server.routes["/page"] = page
    server.static("/rss", rss([item(1, "Résumé.", link=server.url("/page"))]))
    ingest_feeds([FeedConfig(name="full", url=server.url("/rss"), fulltext=True)], str(path), analyze=False,
                 policy=policy)
    a, (_, _, _, _, _, first_seen), _ = _one(path)
    with Fetcher(policy) as fetcher:
        stats = RunStats()
        assert refetch_pages(str(path), fetcher, stats, now=first_seen + timedelta(hours=1)) == []  # not due yet
        state["body"], state["etag"] = _page(V2 + filler), '"p2"'
        updated = refetch_pages(str(path), fetcher, stats, now=first_seen + timedelta(hours=25))
        assert updated == [a["id"]] and stats.get("refetch:updated") == 1
        a2, (version, source, rule_version, stage, next_refetch, _), versions = _one(path)
        assert version == 2 and source == "page" and rule_version is None and stage == 1
        assert "dément" in a2["text"] and [v["source"] for v in versions] == ["page", "page"]
        assert next_refetch == first_seen + timedelta(days=7)
        refetch_pages(str(path), fetcher, stats, now=first_seen + timedelta(days=8))
        assert stats.get("refetch:not_modified") == 1
        assert server.requests[-1][1].get("If-None-Match") == '"p2"'
        _, (version, _, _, stage, next_refetch, _), _ = _one(path)
        assert version == 2 and stage == 2 and next_refetch is None  # schedule done


@pytest.mark.model
def test_claims_are_extracted_again_and_marked_with_their_version(nlp, server, policy, tmp_path):
    path = tmp_path / "db.duckdb"
    feed = FeedConfig(name="f", url=server.url("/rss"))
    server.static("/rss", rss([item(1, V1)]), etag='"1"')
    ingest_feeds([feed], str(path), analyze=False, policy=policy)
    assert analyze_pending(str(path)) == 1
    server.static("/rss", rss([item(1, V2)]), etag='"2"')
    report = ingest_feeds([feed], str(path), analyze=True, policy=policy)
    assert report.analyzed == 1
    with db.connect(str(path), read_only=True) as con:
        claims = con.execute("SELECT stance, version FROM claims WHERE org = 'Doctolib'").fetchall()
    assert claims and {v for _, v in claims} == {2}
    assert "denial" in {s for s, _ in claims}
