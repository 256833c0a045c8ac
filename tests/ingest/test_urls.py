"""Which URLs may be fetched: schemes for everyone, public addresses for feeds added from the dashboard."""

from __future__ import annotations

import socket

import pytest

from pipeline.errors import ConfigError, InputError
from pipeline.ingest.collect import FeedState, collect_feed
from pipeline.ingest.feeds import feed_from_arg, load_feeds
from pipeline.ingest.fetch import Fetcher
from pipeline.ingest.urls import validate_feed_url
from pipeline.records import FEED_KINDS, FeedConfig
from pipeline.settings import DATA_DIR

from .conftest import item, rss


@pytest.mark.parametrize("url", ["ftp://exemple.fr/rss", "file:///etc/passwd", "javascript:alert(1)",
                                 "gopher://exemple.fr/", "exemple.fr/rss"])
def test_only_http_and_https_for_dashboard_feeds(url):
    with pytest.raises(InputError, match="only http and https"):
        validate_feed_url(url, allow_private=True)


@pytest.mark.parametrize("url,why", [
    ("http://127.0.0.1/rss", "loopback"), ("http://[::1]:8080/rss", "loopback"),
    ("http://10.1.2.3/rss", "private"), ("https://192.168.0.10/feed", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"), ("http://0.0.0.0/", "unspecified"),
    ("http://[::ffff:10.0.0.1]/", "private"), ("http://localhost:8501/", "loopback"),
])
def test_private_addresses_are_refused_unless_allowed(url, why):
    with pytest.raises(InputError) as exc:
        validate_feed_url(url, allow_private=False)
    assert why in str(exc.value) and url in str(exc.value) and "allow_private_feeds" in str(exc.value)
    assert validate_feed_url(url, allow_private=True) == url


def test_host_names_are_resolved_before_judging(monkeypatch):
    def fake(host, *args, **kw):
        ip = {"intranet.redaction.example": "10.0.0.7", "www.lemonde.fr": "151.101.2.217"}[host]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, 443))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    assert validate_feed_url("https://www.lemonde.fr/pixels/rss_full.xml", allow_private=False)
    with pytest.raises(InputError, match="private address"):
        validate_feed_url("https://intranet.redaction.example/rss", allow_private=False)


def test_unresolvable_host_is_refused_with_its_name(monkeypatch):
    def fail(*args, **kw):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(InputError, match="nowhere.invalid cannot be resolved"):
        validate_feed_url("https://nowhere.invalid/rss", allow_private=False)


def test_a_dashboard_feed_is_checked_again_when_fetched(server, policy):
    server.static("/rss", rss([item(1)]))
    feed = FeedConfig(name="dash", url=server.url("/rss"))
    with Fetcher(policy) as fetcher:
        refused = collect_feed(feed, FeedState(url=feed.url, allow_private=False), fetcher)
        trusted = collect_feed(feed, FeedState(url=feed.url, allow_private=True), fetcher)
    assert not refused.result.ok and "loopback" in refused.result.error and server.hits["/rss"] == 1
    assert trusted.result.ok and len(trusted.items) == 1


def test_command_line_refuses_other_schemes_with_the_url():
    with pytest.raises(ConfigError, match="ftp://exemple.fr/rss"):
        feed_from_arg("ftp://exemple.fr/rss")
    assert feed_from_arg("/tmp/flux.xml").url == "/tmp/flux.xml"


def test_feeds_file_with_another_scheme_is_a_configuration_error(tmp_path):
    bad = tmp_path / "feeds.toml"
    bad.write_text('[[feed]]\nname = "x"\nurl = "gopher://exemple.fr/"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"feeds.toml: feed #1 \(x\): URL 'gopher://exemple.fr/' has scheme"):
        load_feeds(bad)


def test_bundled_feeds_file_is_valid_and_covers_every_kind():
    feeds = load_feeds(DATA_DIR / "feeds.toml")
    assert {f.kind for f in feeds} == set(FEED_KINDS)
    assert all(f.url.startswith("https://") for f in feeds)
    assert len({f.name for f in feeds}) == len(feeds) >= 6


def test_watcher_polls_dashboard_feeds_and_refuses_private_ones(server, policy, tmp_path, monkeypatch):
    from pipeline import settings
    from pipeline.ingest.watch import feeds_to_watch
    from pipeline.run import ingest_feeds
    from pipeline.store import db, read, write

    real = settings.load_settings
    monkeypatch.setattr(settings, "load_settings", lambda *a, **k: {**real(*a, **k), "allow_private_feeds": False})
    server.static("/rss", rss([item(1)]))
    path = str(tmp_path / "db.duckdb")
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(f'[[feed]]\nname = "config"\nurl = "{server.url("/rss")}"\n', encoding="utf-8")
    with db.connect(path) as con:
        write.add_feed(con, FeedConfig(name="from dashboard", url=server.url("/rss?dash")))
    feeds = feeds_to_watch(feeds_file, path)
    assert [f.name for f in feeds] == ["config", "from dashboard"]
    report = ingest_feeds(feeds, path, analyze=False, policy=policy)
    assert [r.feed for r in report.failed] == ["from dashboard"] and "loopback" in report.failed[0].error
    assert report.stats.get("ok") == 1  # the feeds file is trusted: the CLI trusts its user
    with db.connect(path, read_only=True) as con:
        origins = {r["name"]: r["origin"] for r in read.feeds(con)}
    assert origins == {"config": "config", "from dashboard": "dashboard"}
