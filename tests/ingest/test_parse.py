"""Parsing what real feeds send: wrong encodings, ill-formed XML, markup and scripts, missing dates."""

from __future__ import annotations

from datetime import datetime, timezone

from pipeline.ingest.feeds import parse_items
from pipeline.records import FeedConfig
from pipeline.run import ingest_feeds
from pipeline.store import db, read

from .conftest import item, rss

FEED = FeedConfig(name="test", url="http://127.0.0.1/rss")
ACCENTED = "Cyberattaque à l’hôpital : la direction dément « toute fuite » – Œuvre, été, 5 €"


def _stored(server, policy, tmp_path, path, body, content_type="application/rss+xml"):
    server.static(path, body, content_type=content_type)
    report = ingest_feeds([FeedConfig(name="f", url=server.url(path))], str(tmp_path / "db.duckdb"),
                          analyze=False, policy=policy)
    with db.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        return report, read.articles(con), {r["name"]: r for r in read.feeds(con)}["f"]


def test_windows_1252_without_declaration_keeps_accents(server, policy, tmp_path):
    body = rss([item(1, ACCENTED, title=ACCENTED)], encoding=None, declare=False).decode("utf-8").encode("cp1252")
    with_decl_removed = body.replace(b'<?xml version="1.0"?>', b"")
    report, articles, _ = _stored(server, policy, tmp_path, "/cp1252", with_decl_removed)
    assert not report.failed
    assert articles[0]["title"] == ACCENTED and articles[0]["text"] == ACCENTED


def test_latin1_declared_is_read_as_declared(server, policy, tmp_path):
    text = "Données volées à l'hôpital de Besançon"
    report, articles, _ = _stored(server, policy, tmp_path, "/latin1", rss([item(1, text)], encoding="iso-8859-1"),
                                  content_type="text/xml")
    assert articles[0]["text"] == text


def test_utf8_served_with_a_wrong_charset_is_repaired_and_noted(server, policy, tmp_path):
    # The server's header says windows-1252, the body is UTF-8: feedparser trusts the header (mojibake "Ã©").
    report, articles, feed = _stored(server, policy, tmp_path, "/wrongcharset", rss([item(1, ACCENTED, title=ACCENTED)]),
                                     content_type="application/rss+xml; charset=windows-1252")
    assert articles[0]["text"] == ACCENTED and articles[0]["title"] == ACCENTED
    assert "encoding repaired" in feed["notice"] and "read as utf-8" in feed["notice"]


def test_script_and_markup_never_survive(server, policy, tmp_path):
    evil = item(1, '<p>Texte <b>gras</b> &eacute;t&eacute;</p><script>alert("x")</script><style>p{}</style>'
                   '<img src=x onerror="alert(1)">',
                title='<script>alert("titre")</script>Fuite <i>massive</i>', link="javascript:alert(1)",
                content='<div>Corps <a href="javascript:alert(2)">lien</a><iframe src="http://x"></iframe></div>')
    report, articles, _ = _stored(server, policy, tmp_path, "/evil", rss([evil]))
    a = articles[0]
    for field in ("title", "text", "summary", "url"):
        assert "<" not in a[field] and "alert" not in a[field] and "javascript" not in a[field], field
    assert a["title"] == "Fuite massive" and a["text"] == "Corps lien" and a["summary"] == "Texte gras été"


def test_ill_formed_xml_is_recovered_and_noted(server, policy, tmp_path):
    body = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T & co</title>"
            "<item><title>Hôpital & clinique</title><link>https://exemple.fr/a</link>"
            "<description>Texte &eacute;t&eacute; <br> non fermé</description></item>"
            "</channel>").encode("utf-8")
    report, articles, feed = _stored(server, policy, tmp_path, "/broken", body)
    assert not report.failed and len(articles) == 1
    assert articles[0]["title"] == "Hôpital & clinique" and "été" in articles[0]["text"]
    assert feed["notice"].startswith("recovered from")


def test_unreadable_document_is_reported_against_the_feed(server, policy, tmp_path):
    report, articles, feed = _stored(server, policy, tmp_path, "/html",
                                     b"<html><body><p>Pas un flux</p></body></html>", content_type="text/html")
    assert articles == [] and report.stats.get("error:parse") == 1
    assert feed["last_status"] == "error" and "feed f" in feed["last_error"] and "RSS" in feed["last_error"]


def test_dates_published_else_updated_else_first_seen_always_aware():
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
      <entry><id>urn:a</id><title>pub</title><link href="https://exemple.fr/a"/><published>2025-01-06T10:00:00+01:00</published>
        <updated>2025-01-08T10:00:00Z</updated><summary>a</summary></entry>
      <entry><id>urn:b</id><title>upd</title><link href="https://exemple.fr/b"/><updated>2025-01-07T09:30:00Z</updated><summary>b</summary></entry>
      <entry><id>urn:c</id><title>none</title><link href="https://exemple.fr/c"/><summary>c</summary></entry></feed>"""
    seen = datetime(2025, 2, 1, 12, 0, tzinfo=timezone.utc)
    by_title = {a.title: a for a in parse_items(FEED, atom, seen_at=seen).articles}
    assert by_title["pub"].published == datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc)
    assert by_title["upd"].published == datetime(2025, 1, 7, 9, 30, tzinfo=timezone.utc)
    assert by_title["none"].published == seen
    assert all(a.published.tzinfo is not None for a in by_title.values())


def test_entries_without_link_or_text_are_counted_not_lost(server, policy, tmp_path):
    body = rss([item(1), {"title": None, "link": None, "guid": None, "description": None}])
    report, articles, _ = _stored(server, policy, tmp_path, "/empty-entry", body)
    assert len(articles) == 1 and report.stats.get("ok") == 1 and report.stats.get("skip:empty") == 1


def test_feed_kind_travels_with_every_article(server, policy, tmp_path):
    server.static("/cnil", rss([item(1, site="cnil.fr")]))
    server.static("/leaks", rss([item(2, site="tracker.example")]))
    ingest_feeds([FeedConfig(name="CNIL", url=server.url("/cnil"), kind="official"),
                  FeedConfig(name="Tracker", url=server.url("/leaks"), kind="leak_tracker")],
                 str(tmp_path / "db.duckdb"), analyze=False, policy=policy)
    with db.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        kinds = {a["feed"]: a["feed_kind"] for a in read.articles(con)}
    assert kinds == {"CNIL": "official", "Tracker": "leak_tracker"}
