"""Grouping rules on small hand-written claim rows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pipeline.incidents import build_incidents
from pipeline.incidents.grouping import GAP_DAYS, counts_agree

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def row(article: str, org: str, stance: str = "attribution", *, days: float = 0, speaker: str = "press",
        sentence: str | None = None, count: int | None = None, feed: str = "CyberVeille", start: int = 0, **extra) -> dict:
    return {"id": f"{article}-{org}-{stance}-{start}", "article_id": article, "org": org, "stance": stance,
            "speaker": speaker, "speaker_name": "", "sentence": sentence or f"{org} aurait été piraté ({article}).",
            "start": start, "end": start + 40, "victim_count": count, "victim_unit": "patient" if count else None,
            "event_date": None, "hedged": False, "cue": "", "rule_version": "test", "url": f"https://x.example/{article}",
            "title": article, "published": T0 + timedelta(days=days), "feed": feed, "feed_kind": "press", **extra}


def groups(incidents: list[dict]) -> list[set[str]]:
    return sorted(({c["id"] for c in inc["claims"]} for inc in incidents), key=sorted)


def test_counts_agree_within_ten_percent():
    assert counts_agree(152_000, 150_000)
    assert counts_agree(48_000, 47_860)
    assert not counts_agree(152_000, 1_500_000)
    assert not counts_agree(300_000, 250_000)


def test_weeks_apart_stay_one_incident_months_apart_split(registry):
    rows = [row("a", "Orange", days=0), row("b", "Orange", days=20), row("c", "Orange", days=20 + GAP_DAYS),
            row("d", "Orange", days=20 + 2 * GAP_DAYS + 1)]
    incidents = build_incidents(rows, registry)
    assert groups(incidents) == [{"a-Orange-attribution-0", "b-Orange-attribution-0", "c-Orange-attribution-0"},
                                 {"d-Orange-attribution-0"}]


def test_a_repeated_count_bridges_a_longer_silence(registry):
    rows = [row("a", "Orange", count=1_200_000), row("b", "Orange", days=100, count=1_180_000),
            row("c", "Orange", days=200)]
    incidents = build_incidents(rows, registry)
    assert [len(i["claims"]) for i in sorted(incidents, key=lambda i: i["first_date"])] == [2, 1]


def test_parent_group_and_establishment_share_an_incident(registry):
    rows = [row("a", "Hôpital privé de la Miotte"), row("b", "Vivalto Santé", "denial", days=3, speaker="organization")]
    incidents = build_incidents(rows, registry)
    assert len(incidents) == 1
    miotte = next(o for o in incidents[0]["orgs"] if o["org"] == "Hôpital privé de la Miotte")
    assert miotte["verification"] == "contesté"  # the group's denial counts for its hospital
    assert incidents[0]["title"].startswith("Cyberattaque attribuée à l'Hôpital privé de la Miotte —")


def test_authorities_and_attackers_are_never_incident_subjects(registry):
    rows = [row("a", "CNIL"), row("b", "LockBit"), row("c", "Decathlon")]
    incidents = build_incidents(rows, registry)
    assert [i["organizations"] for i in incidents] == [["Decathlon"]]


def test_a_dateline_mistaken_for_a_victim_does_not_chain_two_stories(registry):
    """'HXD' in two stories 50 days apart links to both: it is split, the stories stay apart."""
    s1 = "Doctolib aurait été piraté (HXD), 152 000 patients concernés, selon BreachForums."
    s2 = "Doctolib (HXD) dément tout piratage de ses systèmes après la fuite de 152 000 patients."
    s3 = "La Mutuelle des Trois Vallées (HXD) confirme la fuite touchant 48 000 adhérents."
    s4 = "La Mutuelle des Trois Vallées confirme une attaque : 48 000 adhérents concernés."
    rows = [
        row("a1", "Doctolib", sentence=s1, count=152_000), row("a1", "HXD", sentence=s1, count=152_000),
        row("a2", "Doctolib", "denial", days=2, sentence=s2, count=152_000, speaker="organization"),
        row("a2", "HXD", "denial", days=2, sentence=s2, count=152_000),
        row("b1", "Mutuelle des Trois Vallées", "confirmation", days=52, sentence=s3, count=48_000, speaker="organization"),
        row("b1", "HXD", days=52, sentence=s3, count=48_000),
        row("b2", "Mutuelle des Trois Vallées", "confirmation", days=53, sentence=s4, count=48_000, speaker="organization"),
    ]
    incidents = build_incidents(rows, registry)
    by_org = {frozenset(i["organizations"]) for i in incidents}
    assert by_org == {frozenset({"Doctolib", "HXD"}), frozenset({"Mutuelle des Trois Vallées", "HXD"})}


def test_one_sentence_in_a_round_up_does_not_merge_two_incidents(registry):
    s = "Après Orange, SFR aurait lui aussi été piraté."
    rows = [row("r", "Orange", sentence=s), row("r", "SFR", sentence=s), row("o", "Orange", days=1),
            row("s", "SFR", days=1)]
    assert len(build_incidents(rows, registry)) == 2


def test_jsonl_rows_without_ids_dates_or_wire_groups(registry):
    """``--from-jsonl`` rows: published as a string or missing, victim_count as a dict, no id."""
    base = {"stance": "attribution", "speaker": "press", "start": 0, "end": 10, "event_date": None,
            "cue": "", "hedged": False, "rule_version": "t"}
    rows = [
        {**base, "org": "Auchan", "sentence": "Auchan aurait été piraté.", "article_id": "1", "url": None,
         "published": "2026-01-05", "feed": "A", "victim_count": {"value": 500_000, "unit": "client"}},
        {**base, "org": "Auchan", "stance": "denial", "speaker": "organization", "sentence": "Auchan dément.",
         "article_id": "2", "url": None, "published": None, "feed": None, "victim_count": None},
    ]
    incidents = build_incidents(rows, registry)
    assert len(incidents) == 1
    inc = incidents[0]
    assert inc["first_date"] == "2026-01-05"
    assert all(c["id"] and c["incident_id"] == inc["id"] for c in inc["claims"])
    assert inc["count_spread"]["values"] == [500_000]
    assert inc["orgs"][0]["verification"] == "contesté"


def test_wire_copies_are_recognised_without_a_stored_wire_group(cases, registry):
    case = cases.load("six_outlets_wire_copy.json")
    with_groups = build_incidents(cases.rows(case, wire=True), registry)
    inferred = build_incidents(cases.rows(case, wire=False), registry)
    pick = lambda incs: [(o["org"], o["voices"], o["relaying_outlets"]) for i in incs for o in i["orgs"]]  # noqa: E731
    assert pick(inferred) == pick(with_groups)
    armentieres = next(i for i in inferred if "Centre hospitalier d'Armentières" in i["organizations"])
    assert armentieres["stories"] == armentieres["outlets"] + 1  # 8 articles by 6 outlets: 7 stories, the wire copy is one


def test_same_distinctive_count_on_the_same_forum_links_organisations_never_named_together(registry):
    rows = [row("a", "Auchan", sentence="Auchan : 152 400 clients exposés sur BreachForums.", count=152_400),
            row("b", "Cultura", days=3, sentence="Cultura : 152 400 clients exposés sur BreachForums.", count=152_400,
                feed="Info Alpes")]
    assert [sorted(i["organizations"]) for i in build_incidents(rows, registry)] == [["Auchan", "Cultura"]]


@pytest.mark.parametrize("count_b, days, forum_b", [
    (150_000, 3, "BreachForums"),   # a round figure anyone may print
    (152_400, 3, "un forum"),       # no shared attacker or forum
    (152_400, 30, "BreachForums"),  # too far apart for counts and names to link
    (160_000, 3, "BreachForums"),   # more than 2 % apart
])
def test_counts_and_names_alone_are_weak_evidence(count_b, days, forum_b, registry):
    rows = [row("a", "Auchan", sentence="Auchan : clients exposés sur BreachForums.", count=150_000 if count_b == 150_000 else 152_400),
            row("b", "Cultura", days=days, sentence=f"Cultura : clients exposés sur {forum_b}.", count=count_b,
                feed="Info Alpes")]
    assert len(build_incidents(rows, registry)) == 2


def test_a_retrospective_mention_opens_its_own_incident_with_its_own_id(registry):
    """One January article recalls June: two incidents, two ids; the January id survives the June article."""
    miotte = "Hôpital privé de la Miotte"
    now = row("jan", miotte, days=0, start=0)
    recalled = row("jan", miotte, days=0, start=100, event_date="2025-06")
    first = build_incidents([now, recalled], registry)
    assert len(first) == 2 and len({i["id"] for i in first}) == 2
    january = next(i for i in first if i["title"].endswith("janvier 2026"))
    june_article = row("june", miotte, days=-201)
    second = build_incidents([now, recalled, june_article], registry)
    assert january["id"] in {i["id"] for i in second}
    june = next(i for i in second if i["title"].endswith("juin 2025"))
    assert set(june["articles"]) == {"june", "jan"}
