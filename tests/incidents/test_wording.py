"""French titles and wording, and the divergence score with its explanation."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.incidents.french import day_label, incident_kind, incident_title, number, subject, with_preposition
from pipeline.incidents.score import count_spread, divergence_score


@pytest.mark.parametrize("name, prep, expected", [
    ("Hôpital privé de la Miotte", "à", "à l'Hôpital privé de la Miotte"),
    ("Doctolib", "à", "à Doctolib"),
    ("Mutuelle des Trois Vallées", "par", "par la Mutuelle des Trois Vallées"),
    ("Centre hospitalier d'Armentières", "à", "au Centre hospitalier d'Armentières"),
    ("CHU de Rennes", "de", "du CHU de Rennes"),
    ("La Poste", "à", "à La Poste"),
    ("Orange", "de", "d'Orange"),
])
def test_names_take_their_article(name, prep, expected):
    assert with_preposition(name, prep) == expected


def test_subjects_dates_numbers():
    assert subject("Hôpital privé de la Miotte") == "l'Hôpital privé de la Miotte"
    assert subject("Free") == "Free"
    assert day_label(date(2026, 1, 1)) == "1er janvier 2026"
    assert day_label("2026-08-14") == "14 août 2026"
    assert number(1_500_000) == "1 500 000"


def test_titles():
    jan = date(2026, 1, 4)
    assert incident_title("Fuite de données", ["contested"], ["Hôpital privé de la Miotte"], jan) == \
        "Fuite de données attribuée à l'Hôpital privé de la Miotte — janvier 2026"
    assert incident_title("Fuite de données", ["denied", "contested"], ["Doctolib", "Hôpital privé de la Miotte"], jan) == \
        "Fuite de données attribuée à Doctolib et à l'Hôpital privé de la Miotte — janvier 2026"
    assert incident_title("Attaque par rançongiciel", ["claimed"], ["Mutuelle Générale"], date(2026, 3, 2)) == \
        "Attaque par rançongiciel revendiquée contre la Mutuelle Générale — mars 2026"
    assert incident_title("Cyberattaque", ["confirmed", "contested"], ["A", "B", "C"], None) == \
        "Cyberattaque attribuée à A et à B (et 1 autre)"


def test_incident_kind():
    assert incident_kind(["Le groupe a chiffré les serveurs avec un rançongiciel."]) == "Attaque par rançongiciel"
    assert incident_kind(["Les données de 10 000 clients ont fuité."]) == "Fuite de données"
    assert incident_kind(["Le site a été piraté."]) == "Cyberattaque"


def org(name: str, code: str, **kw) -> dict:
    base = {"org": name, "verification_code": code, "verification": code, "attributions": 3, "denials": 1,
            "confirmations": 0, "repeated_after_denial": [], "outlets": 1, "relaying_outlets": 0,
            "independent_origins": 1}
    return base | kw


def test_score_high_with_every_reason_explained():
    spread = count_spread([{"value": 152_000}, {"value": 150_000}, {"value": 1_500_000}])
    assert spread == {"min": 150_000, "max": 1_500_000, "ratio": 10.0, "values": [150_000, 152_000, 1_500_000]}
    repeats = [{"feed": "Info Alpes", "date": "2026-01-12", "article_id": "x"}]
    result = divergence_score([org("Doctolib", "contested", repeated_after_denial=repeats, outlets=4,
                                   relaying_outlets=3)], spread)
    assert result["parts"] == {"dispute": 50, "repeated_after_denial": 10, "counts": 15, "sourcing": 11}
    assert result["score"] == 86
    text = result["explanation"]
    assert text.startswith("Divergence élevée (86/100) : l'attribution à Doctolib est contestée")
    assert "Info Alpes le 12 janvier 2026" in text
    assert "de 150 000 à 1 500 000" in text
    assert "3 des 4 médias" in text


def test_score_low_when_confirmed_and_counts_agree():
    spread = count_spread([{"value": 48_000}, {"value": 47_860}])
    result = divergence_score([org("Mutuelle Générale", "confirmed", denials=0, confirmations=2)], spread)
    assert result["score"] == 0
    assert result["explanation"] == ("Divergence faible (0/100) : la Mutuelle Générale a confirmé, sans démenti ; "
                                     "les chiffres de victimes concordent (47 860 à 48 000).")
