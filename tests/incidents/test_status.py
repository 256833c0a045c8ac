"""Per-organisation measures: verification labels, transitions, reaction delay, voices, sources."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pipeline.incidents import build_incidents

T0 = datetime(2026, 2, 2, 9, 0, tzinfo=timezone.utc)


def row(article: str, stance: str, speaker: str, *, hours: float = 0, org: str = "Decathlon", sentence: str = "",
        feed: str = "CyberVeille", speaker_name: str = "", feed_kind: str = "press", start: int = 0) -> dict:
    return {"id": f"{article}-{stance}-{start}", "article_id": article, "org": org, "stance": stance, "speaker": speaker,
            "speaker_name": speaker_name, "sentence": sentence or f"{org}: {stance} ({article}).", "start": start,
            "end": start + 30, "victim_count": None, "victim_unit": None, "event_date": None, "hedged": False,
            "cue": "", "rule_version": "t", "url": f"https://x.example/{article}", "title": article,
            "published": T0 + timedelta(hours=hours), "feed": feed, "feed_kind": feed_kind}


def report(rows: list[dict], registry, org: str = "Decathlon") -> dict:
    incidents = build_incidents(rows, registry)
    assert len(incidents) == 1
    return next(o for o in incidents[0]["orgs"] if o["org"] == org)


@pytest.mark.parametrize("rows, label", [
    ([row("a", "attribution", "attacker")], "revendiqué"),
    ([row("a", "attribution", "press", feed_kind="leak_tracker")], "revendiqué"),
    ([row("a", "attribution", "attacker"), row("b", "attribution", "press", hours=5)], "attribué"),
    ([row("a", "denial", "organization")], "démenti"),
    ([row("a", "attribution", "press"), row("b", "denial", "organization", hours=30)], "contesté"),
    ([row("a", "attribution", "press"), row("b", "confirmation", "organization", hours=30)], "confirmé"),
    ([row("a", "attribution", "press"), row("b", "denial", "organization", hours=30),
      row("c", "confirmation", "organization", hours=300)], "confirmé"),
    ([row("a", "attribution", "press"), row("b", "confirmation", "organization", hours=30, start=0),
      row("b", "denial", "organization", hours=30, start=50)], "partiellement confirmé"),
], ids=["attacker-only", "leak-tracker", "press", "denial-only", "contested", "confirmed", "confirmed-after-denial",
        "partial"])
def test_verification_labels(rows, label, registry):
    assert report(rows, registry)["verification"] == label


def test_transitions_first_outlet_and_reaction_delay(registry):
    rows = [row("a", "attribution", "attacker", feed="Ransom Watch"),
            row("b", "attribution", "press", hours=6, feed="CyberVeille"),
            row("c", "attribution", "press", hours=20, feed="Info Alpes"),
            row("d", "denial", "organization", hours=54, feed="Hexagone Dépêches"),
            row("e", "confirmation", "organization", hours=300, feed="Santé Actu Pro")]
    got = report(rows, registry)
    assert [(t["state"], t["feed"]) for t in got["transitions"]] == [
        ("claimed", "Ransom Watch"), ("attributed", "CyberVeille"), ("denied", "Hexagone Dépêches"),
        ("confirmed", "Santé Actu Pro")]
    assert got["first_outlet"] == {"feed": "Ransom Watch", "date": "2026-02-02", "article_id": "a",
                                   "url": "https://x.example/a"}
    assert got["first_reaction"]["feed"] == "Hexagone Dépêches"
    assert got["first_reaction"]["stance"] == "denial"
    assert got["reaction_delay_days"] == 2.25
    assert got["status"] == "confirmed"


def test_voices_count_a_wire_story_once(registry):
    rows = [row(a, "attribution", "press", feed=f, hours=i) | {"wire_group": "w"}
            for i, (a, f) in enumerate([("w", "Hexagone Dépêches"), ("x", "Info Alpes"), ("y", "L'Est Quotidien")])]
    rows.append(row("z", "attribution", "press", hours=9, feed="CyberVeille") | {"wire_group": "z"})
    got = report(rows, registry)
    assert got["voices"] == {"press": {"attribution": 2, "denial": 0, "confirmation": 0}}
    assert got["attributions"] == 4  # every claim still counts in the totals
    assert got["independent_origins"] == 2  # the agency and CyberVeille
    assert got["relaying_outlets"] == 2  # the two outlets running the agency's copy


def test_relaying_a_named_outlet_is_not_an_origin_of_ones_own(registry):
    rows = [row("a", "attribution", "press", sentence="Decathlon aurait été piraté, selon ZATAZ.", feed="Info Alpes"),
            row("b", "attribution", "press", sentence="Selon plusieurs médias, Decathlon aurait été piraté.",
                feed="L'Est Quotidien", hours=2),
            row("c", "attribution", "press", sentence="Selon nos informations, Decathlon a été piraté.",
                feed="CyberVeille", hours=3)]
    got = report(rows, registry)
    assert got["origins"] == ["press:CyberVeille", "press:ZATAZ"]
    assert (got["outlets"], got["relaying_outlets"]) == (3, 2)


def test_repeated_after_denial_stops_at_confirmation_and_skips_balanced_articles(registry):
    rows = [row("a", "attribution", "press", feed="A"),
            row("b", "denial", "organization", hours=24, feed="B"),
            row("c", "attribution", "press", hours=48, feed="C"),
            row("d", "attribution", "press", hours=50, feed="D", start=0),
            row("d", "denial", "organization", hours=50, feed="D", start=40),  # reports both sides
            row("e", "confirmation", "organization", hours=100, feed="E"),
            row("f", "attribution", "press", hours=120, feed="F")]
    got = report(rows, registry)
    assert [(r["feed"], r["date"]) for r in got["repeated_after_denial"]] == [("C", "2026-02-04")]
    assert got["repeated_after_denial"][0]["sentence"] == "Decathlon: attribution (c)."
