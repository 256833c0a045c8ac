"""One article once: canonical URLs, guids, syndicated wire copies; one disposition per entry."""

from __future__ import annotations

from pipeline.records import FeedConfig
from pipeline.run import ingest_feeds
from pipeline.store import db, read

from .conftest import item, rss

WIRE = ("Le centre hospitalier de Valmont a été la cible d'une cyberattaque dans la nuit de samedi à dimanche, "
        "a annoncé lundi la direction de l'établissement. Le groupe de rançongiciel LockBit a revendiqué l'attaque "
        "sur son site et affirme détenir les données de 150 000 patients. Les urgences fonctionnent en mode dégradé "
        "et les consultations non urgentes ont été reportées, selon l'agence régionale de santé. La direction a "
        "porté plainte et prévenu la CNIL. Contactée, elle indique qu'aucune preuve d'exfiltration de données n'a "
        "été établie à ce stade. L'Anssi a dépêché une équipe sur place.")
EDITS = [
    lambda t: t,
    lambda t: "VALMONT (AFP) - " + t.replace("samedi à dimanche", "samedi"),
    lambda t: t.replace("a annoncé lundi", "a fait savoir lundi") + " Plus d'informations à venir.",
    lambda t: "Nouvelle attaque contre un hôpital. " + t.replace("150 000", "plus de 150 000"),
    lambda t: t.replace("L'Anssi a dépêché une équipe sur place.", "L'Agence nationale de la sécurité des "
                                                                   "systèmes d'information est sur place."),
]
OTHER = ("La direction du centre hospitalier de Valmont dément toute fuite de données après les affirmations du "
         "groupe LockBit. Selon notre journaliste sur place, les équipes informatiques travaillent à rétablir le "
         "système d'information. Le parquet a ouvert une enquête, tandis que l'Anssi accompagne l'hôpital.")


def test_tracking_parameters_and_guids_deduplicate(server, policy, tmp_path):
    entries = [item(1), item(1, link="https://EXEMPLE.fr/article-1?utm_source=rss&utm_medium=feed#top"),
               item(2, guid="abc-42"), item(3, guid="abc-42", link="https://exemple.fr/autre-adresse")]
    server.static("/rss", rss(entries))
    report = ingest_feeds([FeedConfig(name="f", url=server.url("/rss"))], str(tmp_path / "db.duckdb"),
                          analyze=False, policy=policy)
    assert report.stats.counts == {"ok": 2, "skip:duplicate_url": 1, "skip:duplicate_guid": 1, "feed:ok": 1}
    with db.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        urls = sorted(a["url"] for a in read.articles(con))
    assert urls == ["https://exemple.fr/article-1", "https://exemple.fr/article-2"]


def test_short_guids_only_identify_items_within_their_feed(server, policy, tmp_path):
    server.static("/a", rss([item(1, site="a.fr", guid="1")]))
    server.static("/b", rss([item(1, site="b.fr", guid="1")]))
    report = ingest_feeds([FeedConfig(name="a", url=server.url("/a")), FeedConfig(name="b", url=server.url("/b"))],
                          str(tmp_path / "db.duckdb"), analyze=False, policy=policy)
    assert report.stats.get("ok") == 2


def test_wire_story_on_five_sites_is_one_group_and_five_articles(server, policy, tmp_path):
    feeds = []
    for i, edit in enumerate(EDITS):
        site = f"site{i}.fr"
        entries = [item(1, edit(WIRE), site=site, title=f"Cyberattaque à Valmont ({site})")]
        if i == 2:
            entries.append(item(2, OTHER, site=site))
        server.static(f"/s{i}", rss(entries))
        feeds.append(FeedConfig(name=f"Site {i}", url=server.url(f"/s{i}")))
    report = ingest_feeds(feeds, str(tmp_path / "db.duckdb"), analyze=False, policy=policy)
    assert report.stats.get("ok") == 6
    with db.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT id, url, wire_group, first_seen FROM articles").fetchall()
    copies = [r for r in rows if r[1].endswith("article-1")]
    other = [r for r in rows if r[1].endswith("article-2")][0]
    assert len(copies) == 5 and len({r[1] for r in copies}) == 5  # every outlet is still listed
    groups = {r[2] for r in copies}
    assert len(groups) == 1
    assert groups.pop() in {r[0] for r in copies}  # the id of one of the copies (the first one merged)
    assert sum(r[2] == r[0] for r in copies) == 1
    assert other[2] == other[0]  # a different article on the same incident stands alone


def test_wire_copy_arriving_in_a_later_run_joins_the_group(server, policy, tmp_path):
    server.static("/first", rss([item(1, WIRE, site="premier.fr")]))
    ingest_feeds([FeedConfig(name="first", url=server.url("/first"))], str(tmp_path / "db.duckdb"),
                 analyze=False, policy=policy)
    server.static("/late", rss([item(1, EDITS[1](WIRE), site="tardif.fr")]))
    ingest_feeds([FeedConfig(name="late", url=server.url("/late"))], str(tmp_path / "db.duckdb"),
                 analyze=False, policy=policy)
    with db.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        groups = dict(con.execute("SELECT feed, wire_group FROM articles").fetchall())
        first_id = con.execute("SELECT id FROM articles WHERE feed = 'first'").fetchone()[0]
    assert groups == {"first": first_id, "late": first_id}


def test_every_entry_ends_in_exactly_one_disposition(server, policy, tmp_path):
    entries = [item(1), item(2), item(2), item(3, guid="g"), item(4, guid="g"),
               {"title": None, "link": None, "guid": None, "description": None}]
    server.static("/mix", rss(entries), etag='"1"')
    server.static("/again", rss([item(1)]))
    feeds = [FeedConfig(name="mix", url=server.url("/mix")), FeedConfig(name="again", url=server.url("/again"))]
    report = ingest_feeds(feeds, str(tmp_path / "db.duckdb"), analyze=False, policy=policy)
    items = {k: v for k, v in report.stats.counts.items() if not k.startswith("feed:")}
    assert sum(items.values()) == len(entries) + 1
    assert items == {"ok": 3, "skip:duplicate_url": 2, "skip:duplicate_guid": 1, "skip:empty": 1}
    with db.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        stored = read.latest_runs(con, 1)[0]
    assert '"ok": 3' in stored["counts"] and '"skip:empty": 1' in stored["counts"]
