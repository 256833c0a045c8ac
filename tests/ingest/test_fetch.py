"""Fetching against a local server: 304, retries, Retry-After, redirects, timeouts, size cap, limits."""

from __future__ import annotations

import socket
import time

from pipeline.ingest.fetch import FetchPolicy, Fetcher
from pipeline.records import FeedConfig
from pipeline.run import ingest_feeds
from pipeline.store import db, read

from .conftest import item, rss, send


def _ingest(feeds, path, policy, **kw):
    return ingest_feeds(feeds, str(path), analyze=False, policy=policy, **kw)


def _feed_row(path, name):
    with db.connect(str(path), read_only=True) as con:
        return {r["name"]: r for r in read.feeds(con)}[name]


def test_unchanged_feed_answers_304_and_costs_nothing(server, policy, tmp_path):
    server.static("/rss", rss([item(1), item(2)]), etag='"v1"')
    feed = FeedConfig(name="f", url=server.url("/rss"))
    first = _ingest([feed], tmp_path / "db.duckdb", policy)
    assert first.stats.get("ok") == 2
    second = _ingest([feed], tmp_path / "db.duckdb", policy)
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'
    assert second.stats.counts == {"skip:not_modified": 1, "feed:not_modified": 1}
    assert not second.failed and second.new_article_ids == []
    row = _feed_row(tmp_path / "db.duckdb", "f")
    assert row["last_status"] == "not_modified" and row["consecutive_failures"] == 0 and row["articles"] == 2


def test_last_modified_is_sent_back(server, policy, tmp_path):
    stamp = "Mon, 06 Jan 2025 10:00:00 GMT"

    def route(h):
        if h.headers.get("If-Modified-Since") == stamp:
            send(h, 304)
        else:
            send(h, 200, rss([item(1)]), headers={"Last-Modified": stamp})

    server.routes["/lm"] = route
    feed = FeedConfig(name="lm", url=server.url("/lm"))
    _ingest([feed], tmp_path / "db.duckdb", policy)
    assert _ingest([feed], tmp_path / "db.duckdb", policy).stats.get("skip:not_modified") == 1


def test_server_error_then_success_is_retried(server, policy, tmp_path):
    server.sequence("/flaky", (500, b"oops", {}), (503, b"busy", {}), (200, rss([item(1)]), {}))
    report = _ingest([FeedConfig(name="flaky", url=server.url("/flaky"))], tmp_path / "db.duckdb", policy)
    assert not report.failed and report.stats.get("ok") == 1
    assert server.hits["/flaky"] == 3


def test_retries_give_up_with_a_readable_error(server, policy, tmp_path):
    server.sequence("/down", (500, b"oops", {}))
    report = _ingest([FeedConfig(name="down", url=server.url("/down"))], tmp_path / "db.duckdb", policy)
    assert report.stats.get("error:fetch") == 1
    assert "HTTP 500" in report.failed[0].error and "3 attempts" in report.failed[0].error
    assert server.hits["/down"] == 3
    row = _feed_row(tmp_path / "db.duckdb", "down")
    assert row["last_status"] == "error" and "HTTP 500" in row["last_error"] and row["consecutive_failures"] == 1


def test_not_found_is_not_retried(server, policy):
    with Fetcher(policy) as f:
        got = f.get(server.url("/missing"))
    assert got.error == f"HTTP 404 from {server.url('/missing')}" and server.hits["/missing"] == 1


def test_retry_after_is_respected(server):
    server.sequence("/busy", (503, b"", {"Retry-After": "1"}), (200, rss([item(1)]), {}))
    with Fetcher(FetchPolicy(timeout=2, retries=1, backoff=0.01, max_wait=5)) as f:
        t0 = time.monotonic()
        got = f.get(server.url("/busy"))
        waited = time.monotonic() - t0
    assert got.ok and got.attempts == 2
    assert waited >= 0.9  # the server asked for one second, far above the 0.01 s backoff


def test_retry_after_is_capped(server):
    server.sequence("/slowdown", (429, b"", {"Retry-After": "3600"}), (200, rss([item(1)]), {}))
    with Fetcher(FetchPolicy(timeout=2, retries=1, backoff=0.01, max_wait=0.2)) as f:
        t0 = time.monotonic()
        got = f.get(server.url("/slowdown"))
    assert got.ok and time.monotonic() - t0 < 2


def test_permanent_redirect_updates_the_feed_url(server, policy, tmp_path):
    server.routes["/old"] = lambda h: send(h, 301, headers={"Location": "/new"})
    server.static("/new", rss([item(1)]))
    feed = FeedConfig(name="moved", url=server.url("/old"))
    report = _ingest([feed], tmp_path / "db.duckdb", policy)
    assert not report.failed and report.stats.get("ok") == 1
    row = _feed_row(tmp_path / "db.duckdb", "moved")
    assert row["url"] == server.url("/new") and row["config_url"] == server.url("/old")
    assert "moved permanently" in row["notice"]
    _ingest([feed], tmp_path / "db.duckdb", policy)
    assert server.hits["/old"] == 1 and server.hits["/new"] == 2  # the next run goes straight to the new URL


def test_temporary_redirect_keeps_the_feed_url(server, policy, tmp_path):
    server.routes["/tmp"] = lambda h: send(h, 302, headers={"Location": server.url("/target")})
    server.static("/target", rss([item(1)]))
    report = _ingest([FeedConfig(name="t", url=server.url("/tmp"))], tmp_path / "db.duckdb", policy)
    assert report.stats.get("ok") == 1
    assert _feed_row(tmp_path / "db.duckdb", "t")["url"] == server.url("/tmp")


def test_redirect_to_another_scheme_is_refused(server, policy):
    server.routes["/evil"] = lambda h: send(h, 302, headers={"Location": "file:///etc/passwd"})
    with Fetcher(policy) as f:
        got = f.get(server.url("/evil"))
    assert not got.ok and "file:///etc/passwd" in got.error and "not http(s)" in got.error


def test_timeout_is_reported_quickly(server, tmp_path):
    server.static("/slow", rss([item(1)]), delay=3)
    server.static("/fine", rss([item(2)]))
    quick = FetchPolicy(timeout=0.3, retries=1, backoff=0.01, max_wait=0.1, concurrency=2, per_host=2)
    t0 = time.monotonic()
    report = _ingest([FeedConfig(name="slow", url=server.url("/slow")),
                      FeedConfig(name="fine", url=server.url("/fine"))], tmp_path / "db.duckdb", quick)
    assert time.monotonic() - t0 < 2.5
    assert [r.feed for r in report.failed] == ["slow"] and "timed out" in report.failed[0].error
    assert report.stats.get("ok") == 1


def _huge(h, with_length: bool):
    chunk = b"<!-- " + b"x" * 65_000 + b" -->"
    total = 50 * 1024 * 1024
    h.send_response(200)
    h.send_header("Content-Type", "application/rss+xml")
    if with_length:
        h.send_header("Content-Length", str(total))
    else:
        h.send_header("Connection", "close")
    h.end_headers()
    h.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
    sent = 0
    while sent < total:
        h.wfile.write(chunk)
        sent += len(chunk)
        h.server_sent = sent


def test_fifty_megabytes_are_cut_by_the_cap(server, policy):
    server.routes["/huge"] = lambda h: _huge(h, with_length=False)
    server.routes["/huge-declared"] = lambda h: _huge(h, with_length=True)
    with Fetcher(policy) as f:
        t0 = time.monotonic()
        streamed = f.get(server.url("/huge"))
        declared = f.get(server.url("/huge-declared"))
        elapsed = time.monotonic() - t0
    for got in (streamed, declared):
        assert not got.ok and "larger than the cap of 1048576 bytes" in got.error and got.body == b""
    assert server.hits["/huge"] == 1  # a size problem is not retried
    assert elapsed < 3


def test_per_host_limit_bounds_parallel_requests(server, tmp_path):
    for i in range(6):
        server.static(f"/f{i}", rss([item(i)]), delay=0.3)
    feeds = [FeedConfig(name=f"f{i}", url=server.url(f"/f{i}")) for i in range(6)]
    limited = FetchPolicy(timeout=5, retries=0, concurrency=6, per_host=2)
    t0 = time.monotonic()
    report = _ingest(feeds, tmp_path / "db.duckdb", limited)
    assert not report.failed and report.stats.get("ok") == 6
    assert server.max_active == 2
    assert time.monotonic() - t0 >= 0.85  # three rounds of two


def test_failing_feeds_never_stop_the_others(server, policy, tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    server.static("/ok", rss([item(1), item(2)]))
    server.static("/garbage", b"this is not a feed {", content_type="text/plain")
    feeds = [FeedConfig(name="refused", url=f"http://127.0.0.1:{closed_port}/rss"),
             FeedConfig(name="missing", url=server.url("/nope")),
             FeedConfig(name="garbage", url=server.url("/garbage")),
             FeedConfig(name="ok", url=server.url("/ok")),
             FeedConfig(name="nofile", url=str(tmp_path / "absent.xml"))]
    for run in (1, 2):
        report = _ingest(feeds, tmp_path / "db.duckdb", policy)
        assert [r.feed for r in report.failed] == ["refused", "missing", "garbage", "nofile"]
    assert report.stats.get("error:fetch") == 3 and report.stats.get("error:parse") == 1
    errors = {r.feed: r.error for r in report.failed}
    assert "network error" in errors["refused"] and "HTTP 404" in errors["missing"]
    assert "not RSS or Atom" in errors["garbage"] or "not a readable" in errors["garbage"]
    assert "cannot read" in errors["nofile"]
    with db.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        rows = {r["name"]: r for r in read.feeds(con)}
        assert read.article_count(con) == 2
    assert rows["refused"]["consecutive_failures"] == 2 and rows["ok"]["consecutive_failures"] == 0
    assert rows["ok"]["last_success"] is not None and rows["refused"]["last_success"] is None
