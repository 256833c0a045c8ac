"""Dates resolved against the publication date: pure text, no spaCy model."""

import datetime as dt

import pytest

from pipeline.nlp.dates import find_dates

PUBLISHED = dt.date(2026, 1, 20)  # a Tuesday


def resolved(text, published=PUBLISHED):
    mentions = find_dates(text, published)
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text
    return [(m.value, m.precision, m.text) for m in mentions]


@pytest.mark.parametrize("text, value, span", [
    ("lundi 4 janvier 2026", "2026-01-04", "lundi 4 janvier 2026"),
    ("le 4 janvier 2026", "2026-01-04", "4 janvier 2026"),
    ("Le 4 Janvier 2026 à 14 h", "2026-01-04", "4 Janvier 2026"),
    ("4/01/2026", "2026-01-04", "4/01/2026"),
    ("04/01/2026", "2026-01-04", "04/01/2026"),
    ("04.01.2026", "2026-01-04", "04.01.2026"),
    ("2026-01-04", "2026-01-04", "2026-01-04"),
    ("1er janvier 2026", "2026-01-01", "1er janvier 2026"),
    ("1ᵉʳ janvier 2026", "2026-01-01", "1ᵉʳ janvier 2026"),
    ("le 4 fevrier 2026", "2026-02-04", "4 fevrier 2026"),
    ("le 15 aout 2025", "2025-08-15", "15 aout 2025"),
    ("le 15 août 2025", "2025-08-15", "15 août 2025"),
    ("le 3 DÉCEMBRE 2025", "2025-12-03", "3 DÉCEMBRE 2025"),
    ("le 3 decembre 2025", "2025-12-03", "3 decembre 2025"),
    ("le 4 janv. 2026", "2026-01-04", "4 janv. 2026"),
    ("le 4 sept. 2025", "2025-09-04", "4 sept. 2025"),
    ("ce lundi 19 janvier", "2026-01-19", "lundi 19 janvier"),
    ("le 14-Juillet 2025", "2025-07-14", "14-Juillet 2025"),
])
def test_absolute_days(text, value, span):
    assert resolved(text) == [(value, "day", span)]


@pytest.mark.parametrize("text, value", [
    ("le 3 mars", "2026-03-03"),       # 42 days after publication: this year
    ("le 25 mars", "2025-03-25"),      # 64 days after: previous year
    ("le 3 décembre", "2025-12-03"),
    ("le 20 janvier", "2026-01-20"),
    ("le 11 février dernier", "2025-02-11"),
    ("le 15 janvier dernier", "2026-01-15"),
    ("le 20 janvier dernier", "2025-01-20"),  # strictly before publication
    ("le 11 février prochain", "2026-02-11"),
    ("le 15 janvier prochain", "2027-01-15"),
    ("hier", "2026-01-19"),
    ("hier soir", "2026-01-19"),
    ("avant-hier", "2026-01-18"),
    ("aujourd'hui", "2026-01-20"),
    ("aujourd’hui", "2026-01-20"),
    ("ce jour", "2026-01-20"),
    ("demain", "2026-01-21"),
    ("ce vendredi", "2026-01-23"),
    ("ce lundi", "2026-01-19"),
    ("ce dimanche soir", "2026-01-25"),
    ("jeudi", "2026-01-15"),
    ("Mardi", "2026-01-20"),
    ("jeudi matin", "2026-01-15"),
    ("lundi dernier", "2026-01-19"),
    ("mardi dernier", "2026-01-13"),
    ("mardi prochain", "2026-01-27"),
    ("jeudi prochain", "2026-01-22"),
    ("mercredi 14", "2026-01-14"),
])
def test_relative_days(text, value):
    (found,) = resolved(text)
    assert found[:2] == (value, "day")


@pytest.mark.parametrize("text, value, span", [
    ("en juin 2025", "2025-06", "juin 2025"),
    ("juin 2025", "2025-06", "juin 2025"),
    ("Janvier 2026", "2026-01", "Janvier 2026"),
    ("fin décembre 2025", "2025-12", "fin décembre 2025"),
    ("mi-janvier", "2026-01", "mi-janvier"),
    ("à la mi-décembre", "2025-12", "mi-décembre"),
    ("début décembre", "2025-12", "début décembre"),
    ("fin mars", "2026-03", "fin mars"),       # 40 days ahead: this year
    ("courant février", "2026-02", "courant février"),
    ("en juin", "2025-06", "juin"),            # 132 days ahead: previous year
    ("en janvier", "2026-01", "janvier"),
    ("au mois d'août", "2025-08", "août"),
    ("le mois dernier", "2025-12", "le mois dernier"),
    ("en décembre dernier", "2025-12", "décembre dernier"),
    ("juin dernier", "2025-06", "juin dernier"),
])
def test_months(text, value, span):
    assert resolved(text) == [(value, "month", span)]


@pytest.mark.parametrize("text, value, span", [
    ("en 2024", "2024", "2024"),
    ("depuis 2020", "2020", "2020"),
    ("fin 2025", "2025", "fin 2025"),
    ("début 2026", "2026", "début 2026"),
    ("mi-2025", "2025", "mi-2025"),
    ("l'an dernier", "2025", "l'an dernier"),
    ("l’année dernière", "2025", "l’année dernière"),
    ("l'année prochaine", "2027", "l'année prochaine"),
    ("cette année", "2026", "cette année"),
])
def test_years(text, value, span):
    assert resolved(text) == [(value, "year", span)]


@pytest.mark.parametrize("text, expected", [
    ("à l'été 2024", []),  # seasons are not labelled
    ("au printemps 2025", []),
    ("en janvier et février", [("2026-01", "month", "janvier"), ("2026-02", "month", "février")]),
    ("entre janvier et juin 2024", [("2024-01", "month", "janvier"),
                                    ("2024-06", "month", "juin 2024")]),
    ("les trois premières semaines de décembre", [("2025-12", "month", "décembre")]),
    ("Janvier a été calme", [("2026-01", "month", "Janvier")]),
    ("Mars a été calme", []),  # "mars" alone needs a cue
    ("depuis mars", [("2026-03", "month", "mars")]),
])
def test_seasons_and_month_lists(text, expected):
    assert resolved(text) == expected


def test_weekday_with_day_number_but_no_month():
    assert resolved("les lundi 19 et mardi 20 janvier", dt.date(2026, 1, 22)) == [
        ("2026-01-19", "day", "lundi 19"), ("2026-01-20", "day", "mardi 20 janvier")]


@pytest.mark.parametrize("text, expected", [
    ("du 6 au 24 décembre", [("2025-12-06", "day", "6"), ("2025-12-24", "day", "24 décembre")]),
    ("entre le 1er et le 12 décembre", [("2025-12-01", "day", "1er"),
                                        ("2025-12-12", "day", "12 décembre")]),
    ("du 8 au 10 octobre 2025", [("2025-10-08", "day", "8"),
                                 ("2025-10-10", "day", "10 octobre 2025")]),
    ("les 3 et 4 mars", [("2026-03-03", "day", "3"), ("2026-03-04", "day", "4 mars")]),
])
def test_day_ranges_give_both_days(text, expected):
    assert resolved(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("l'incident de 2024, qui", [("2024", "year", "2024")]),
    ("la fuite de 2023 avait touché", [("2023", "year", "2023")]),
    ("un total de 2000 salariés", []),
])
def test_year_after_de(text, expected):
    assert resolved(text) == expected


def test_year_ranges_give_two_mentions():
    assert resolved("entre 2019 et 2021") == [("2019", "year", "2019"), ("2021", "year", "2021")]


@pytest.mark.parametrize("text", [
    "depuis trois semaines",
    "depuis 48 heures",
    "en quelques jours",
    "il y a deux semaines",
    "à 14 h",
    "âgé de 45 ans",
    "2026 patients",
    "152 000 patients",
    "une rançon de 2000 euros",
    "de 2000 à 2500 euros",
    "chaque jeudi",
    "le jeudi, les bureaux ferment",
    "ouvert du lundi au vendredi",
    "ce jour-là",
    "n'indiquent pas, à ce jour, de trace",  # "à ce jour" means "so far"
    "À ce jour, rien n'est établi",
    "la planète Mars",
    "4 sept salariés",
    "31 février 2026",
    "12/25/2026",
    "voir https://www.exemple.fr/2026/01/04/article-04-01-2026.html",
])
def test_not_dates(text):
    assert resolved(text) == []


def test_night_from_one_weekday_to_the_next():
    assert resolved("dans la nuit du dimanche au lundi", dt.date(2026, 1, 21)) == [
        ("2026-01-18", "day", "dimanche"), ("2026-01-19", "day", "lundi")]


def test_weekday_inside_a_full_date_is_one_mention():
    assert resolved("Lundi 4 janvier 2026, le groupe a été attaqué.") == [
        ("2026-01-04", "day", "Lundi 4 janvier 2026")]


@pytest.mark.parametrize("text, expected", [
    ("le 4 janvier 2026", [("2026-01-04", "day", "4 janvier 2026")]),
    ("04/01/2026", [("2026-01-04", "day", "04/01/2026")]),
    ("en juin 2025", [("2025-06", "month", "juin 2025")]),
    ("en 2024", [("2024", "year", "2024")]),
    ("fin 2025", [("2025", "year", "fin 2025")]),
    ("le 3 mars", []),
    ("le 11 février dernier", []),
    ("en juin", []),
    ("mi-janvier", []),
    ("hier", []),
    ("ce vendredi", []),
    ("jeudi", []),
    ("l'an dernier", []),
    ("le mois dernier", []),
])
def test_without_publication_date(text, expected):
    assert resolved(text, published=None) == expected


def test_datetime_publication_is_accepted():
    assert resolved("hier", dt.datetime(2026, 1, 20, 18, 5, tzinfo=dt.timezone.utc)) == [
        ("2026-01-19", "day", "hier")]


def test_a_press_paragraph():
    text = ("Publié le 20/01/2026. L'hôpital a été visé dans la nuit de dimanche à lundi, "
            "a indiqué la direction ce mardi. Le 11 janvier dernier, un premier incident avait "
            "touché la mutuelle ; l'an dernier, en mars 2024, France Travail. Début décembre, "
            "plus de 5 000 notifications. Voir https://exemple.fr/2026/01/19/a.html")
    assert resolved(text) == [
        ("2026-01-20", "day", "20/01/2026"),
        ("2026-01-18", "day", "dimanche"),
        ("2026-01-19", "day", "lundi"),
        ("2026-01-20", "day", "ce mardi"),
        ("2026-01-11", "day", "11 janvier dernier"),
        ("2025", "year", "l'an dernier"),
        ("2024-03", "month", "mars 2024"),
        ("2025-12", "month", "Début décembre"),
    ]
