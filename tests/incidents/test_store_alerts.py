"""Incidents and alerts in a real DuckDB, and the webhook against a local HTTP server."""

from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from pipeline.incidents import build_incidents, deliver_alerts, refresh_incidents
from pipeline.store import db, read


@pytest.fixture()
def stored(tmp_path, cases):
    """The confirmation-after-denial and two-organisation cases stored in one database."""
    path = str(tmp_path / "incidents.duckdb")
    cases.store(cases.load("confirmation_after_denial.json"), path)
    cases.store(cases.load("shared_by_two_orgs.json"), path)
    return path


class _Hook:
    """A webhook on 127.0.0.1 recording what it receives; ``status`` is what it answers."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.status = 200
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.received.append({"body": json.loads(body), "type": self.headers["Content-Type"],
                                      "agent": self.headers["User-Agent"]})
                self.send_response(hook.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def hook():
    h = _Hook()
    yield h
    h.close()


def test_refresh_stores_incidents_that_read_back_as_built(stored, registry):
    report = refresh_incidents(stored, registry)
    assert report.incidents == 4  # the mutual insurer, Doctolib + Miotte, SFR, Free
    with db.connect(stored, read_only=True) as con:
        incidents = read.incidents(con)
        built = build_incidents(read.claims(con), registry, read.victim_counts(con))
        one = read.incident(con, built[0]["id"])
        assert read.incident(con, "inc-missing") is None
    assert [i["id"] for i in incidents] == [i["id"] for i in built]
    assert [i["title"] for i in incidents] == [i["title"] for i in built]
    assert one["orgs"] == built[0]["orgs"]
    assert sorted(c["id"] for c in one["claims"]) == sorted(c["id"] for c in built[0]["claims"])
    assert all(c["incident_id"] == one["id"] for c in one["claims"])


def test_alerts_are_stored_once_each(stored, registry):
    first = refresh_incidents(stored, registry)
    assert first.alerts == 4 and len(first.new_alerts) == 4  # 3 denials, 1 confirmation after denial
    again = refresh_incidents(stored, registry)
    assert again.new_alerts == ()
    with db.connect(stored, read_only=True) as con:
        alerts = read.alerts(con)
        recent = read.alerts(con, since=date(2026, 3, 1))
    assert sorted(a["kind"] for a in alerts) == ["confirmation_after_denial", "denial", "denial", "denial"]
    assert [a["kind"] for a in recent] == ["denial", "confirmation_after_denial"]
    confirm = recent[1]
    assert confirm["org"] == "Mutuelle Générale" and confirm["date"] == "2026-03-18"
    assert confirm["message"] == ("La Mutuelle Générale confirme (Hexagone Dépêches, 18 mars 2026) "
                                  "après avoir démenti le 4 mars 2026.")


def test_adding_articles_extends_the_stored_incident_and_fires_new_alerts_only(tmp_path, cases, registry):
    case = cases.load("confirmation_after_denial.json")
    path = str(tmp_path / "grow.duckdb")
    cases.store(case, path, only=["t1", "p1", "d1"])
    first = refresh_incidents(path, registry)
    with db.connect(path, read_only=True) as con:
        (before,) = read.incidents(con)
    cases.store(case, path)
    second = refresh_incidents(path, registry)
    with db.connect(path, read_only=True) as con:
        (after,) = read.incidents(con)
    assert after["id"] == before["id"]
    assert len(after["articles"]) == 6 and len(before["articles"]) == 3
    assert len(first.new_alerts) == 1 and len(second.new_alerts) == 1  # the denial, then the confirmation


def test_webhook_posts_each_alert_once(stored, registry, hook):
    refresh_incidents(stored, registry)
    first = deliver_alerts(stored, hook.url)
    assert len(first.sent) == 4 and not first.failed
    assert len(hook.received) == 4
    assert {r["body"]["kind"] for r in hook.received} == {"denial", "confirmation_after_denial"}
    assert all(r["type"] == "application/json" and r["agent"].startswith("Recoupe") for r in hook.received)
    assert {r["body"]["id"] for r in hook.received} == set(first.sent)
    refresh_incidents(stored, registry)
    assert deliver_alerts(stored, hook.url).sent == []
    assert len(hook.received) == 4
    with db.connect(stored, read_only=True) as con:
        assert all(a["sent_at"] is not None for a in read.alerts(con))
        assert read.alerts(con, pending=True) == []


def test_a_refused_post_is_recorded_and_retried(stored, registry, hook):
    refresh_incidents(stored, registry)
    hook.status = 500
    failed = deliver_alerts(stored, hook.url)
    assert failed.sent == [] and len(failed.failed) == 4
    with db.connect(stored, read_only=True) as con:
        pending = read.alerts(con, pending=True)
    assert len(pending) == 4 and all(a["attempts"] == 1 and "HTTP 500" in a["last_error"] for a in pending)
    hook.status = 204
    assert len(deliver_alerts(stored, hook.url).sent) == 4
    assert len(hook.received) == 8  # four refused, four accepted
    assert deliver_alerts(stored, hook.url).sent == []


def test_unreachable_webhook_and_no_webhook(stored, registry):
    refresh_incidents(stored, registry)
    report = deliver_alerts(stored, "http://127.0.0.1:9/nothing-listens-here")
    assert report.sent == [] and len(report.failed) == 4
    assert "unreachable" in report.failed[0][1]
    assert deliver_alerts(stored, "").sent == []  # no URL configured: nothing to do
