"""Victim counts: pure text, no spaCy model."""

import pytest

from pipeline.nlp.counts import UNITS, find_victim_counts

NBSP, NNBSP = "\u00a0", "\u202f"


def only(text):
    counts = find_victim_counts(text)
    assert len(counts) == 1, counts
    return counts[0]


@pytest.mark.parametrize("text, value", [
    ("152 000 patients", 152_000),
    ("152.000 patients", 152_000),
    (f"152{NBSP}000 patients", 152_000),
    (f"152{NNBSP}000 patients", 152_000),
    ("45000 patients", 45_000),
    ("1 200 000 patients", 1_200_000),
    ("1.000.000 patients", 1_000_000),
    ("1 000 000 de patients", 1_000_000),
    ("3 patients", 3),
])
def test_digit_groups(text, value):
    assert only(text).value == value


@pytest.mark.parametrize("text, value", [
    ("1,2 million de clients", 1_200_000),
    ("1.2 million de clients", 1_200_000),
    ("33 millions de clients", 33_000_000),
    ("1,5 milliard de clients", 1_500_000_000),
    ("1,5 M de clients", 1_500_000),
    ("1M de clients", 1_000_000),
    ("150 mille clients", 150_000),
    ("50k clients", 50_000),
    ("un demi-million de clients", 500_000),
])
def test_scaled_numbers(text, value):
    assert only(text).value == value


@pytest.mark.parametrize("text, value", [
    ("cent cinquante mille patients", 150_000),
    ("deux millions d'assurés", 2_000_000),
    ("trois cents salariés", 300),
    ("vingt et un mille clients", 21_000),
    ("quatre-vingt mille clients", 80_000),
    ("Deux millions cinq cent mille clients", 2_500_000),
    ("mille patients", 1_000),
])
def test_number_words(text, value):
    assert only(text).value == value


@pytest.mark.parametrize("text, approx, value", [
    ("plus de 150 000 patients", "plus_de", 150_000),
    ("Plus d'un million de patients", "plus_de", 1_000_000),
    ("un peu plus de 500 000 patients", "plus_de", 500_000),
    ("près de 150 000 patients", "pres_de", 150_000),
    ("près d’un million de patients", "pres_de", 1_000_000),
    ("environ 150 000 patients", "environ", 150_000),
    ("quelque 150 000 patients", "environ", 150_000),
    ("autour de 150 000 patients", "environ", 150_000),
    ("de l'ordre de 150 000 patients", "environ", 150_000),
    ("une centaine de patients", "environ", 100),
    ("un millier de patients", "environ", 1_000),
    ("une centaine de milliers de patients", "environ", 100_000),
    ("près d'une centaine de patients", "pres_de", 100),
    ("jusqu'à 150 000 patients", "jusqu_a", 150_000),
    ("jusqu’à 2 millions de patients", "jusqu_a", 2_000_000),
    ("moins de 150 000 patients", "moins_de", 150_000),
    ("un peu moins de 150 000 patients", "moins_de", 150_000),
    ("au moins 150 000 patients", "au_moins", 150_000),
    ("pas moins de 150 000 patients", "au_moins", 150_000),
    ("entre 100 000 et 150 000 patients", "jusqu_a", 150_000),
    ("entre 1 et 2 millions de patients", "jusqu_a", 2_000_000),
    ("150 000 patients", None, 150_000),
])
def test_qualifiers(text, approx, value):
    count = only(text)
    assert (count.approx, count.value) == (approx, value)
    assert count.text == text  # the qualifier is part of the span


@pytest.mark.parametrize("text, unit, span", [
    ("150 000 patients", "patient", "150 000 patients"),
    ("150 000 Patientes", "patient", "150 000 Patientes"),
    ("150 000 dossiers médicaux", "dossier", "150 000 dossiers"),
    ("150 000 patients français", "patient", "150 000 patients"),
    ("2 millions de comptes clients", "compte", "2 millions de comptes"),
    ("150 000 de ses clients", "client", "150 000 de ses clients"),
    ("les 150 000 anciens salariés", "salarié", "150 000 anciens salariés"),
    ("1,2 million d'usagers", "usager", "1,2 million d'usagers"),
    ("33 millions de Français", "français", "33 millions de Français"),
    ("quelque 3 200 locataires", "locataire", "quelque 3 200 locataires"),
    ("210 000 acheteurs de places", "acheteur", "210 000 acheteurs"),
    ("30 000 dossiers d'agents communaux", "dossier", "30 000 dossiers"),
    ("10 000 infirmières", "infirmier", "10 000 infirmières"),
    ("150 000 e-mails", "e-mail", "150 000 e-mails"),
    ("150 000 personnes", "personne", "150 000 personnes"),
    ("43 millions de demandeurs d’emploi", "demandeur d'emploi",
     "43 millions de demandeurs d’emploi"),
    ("10 000 élèves", "élève", "10 000 élèves"),
    ("10 000 eleves", "élève", "10 000 eleves"),
    ("10 000 utilisatrices", "utilisateur", "10 000 utilisatrices"),
    ("10 000 donneurs", "donneur", "10 000 donneurs"),
    ("10 000 licenciés", "licencié", "10 000 licenciés"),
    ("10 000 allocataires", "allocataire", "10 000 allocataires"),
    ("10 000 contribuables", "contribuable", "10 000 contribuables"),
    ("10 000 individus", "individu", "10 000 individus"),
    ("les données de 20 000 habitants", "habitant", "20 000 habitants"),
    ("les données de 150 000 patients", "patient", "150 000 patients"),
    ("150 000 données", "donnée", "150 000 données"),
    ("150 000 données de patients", "patient", "150 000 données de patients"),
    ("1,2 million de données clients", "client", "1,2 million de données clients"),
    ("2 millions de numéros de téléphone", "numéro de téléphone",
     "2 millions de numéros de téléphone"),
    ("10 millions de mots de passe", "mot de passe", "10 millions de mots de passe"),
    ("500 000 adresses e-mail", "adresse e-mail", "500 000 adresses e-mail"),
    ("500 000 adresses mail", "adresse e-mail", "500 000 adresses mail"),
    ("1,5 milliard d'identifiants", "identifiant", "1,5 milliard d'identifiants"),
    ("10 millions de lignes", "ligne", "10 millions de lignes"),
    ("10 000 fiches", "fiche", "10 000 fiches"),
    ("10 000 enregistrements", "enregistrement", "10 000 enregistrements"),
    ("quelque 52 000 foyers", "foyer", "quelque 52 000 foyers"),
    ("3 200 familles", "famille", "3 200 familles"),
    ("640 000 réservations", "réservation", "640 000 réservations"),
    # quotation marks inside the count, as quoted figures are written
    ("« un peu plus de 80 000 » comptes", "compte", "un peu plus de 80 000 » comptes"),
    ("4,3 millions de « clients Orange »", "client", "4,3 millions de « clients"),
])
def test_units(text, unit, span):
    count = only(text)
    assert (count.unit, count.text) == (unit, span)


@pytest.mark.parametrize("text", [
    "2,5 millions d'euros",
    "une rançon de 500 000 €",
    "500 000 $",
    "45 % des patients",
    "45 pour cent des patients",
    "en 2025",
    "2026",
    "appelez le 03 84 57 12 00",
    "03 84 57 12 00 patients",
    "300 Go de données",
    "1,5 To de données",
    "à 14 h",
    "le 4 janvier",
    "40 000 spectateurs",
    "20 000 visiteurs",
    "12 kilomètres",
    "20 000 fichiers",
    "3 000 documents",
    "des millions de comptes",
    "plusieurs milliers de patients",
    "des dizaines de milliers de patients",
    "quelques milliers de clients",
    "un patient",
    "une commune de 20 000 habitants",
    "les villes de plus de 20 000 habitants",
    "le groupe emploie 3 000 salariés",
    "l'entreprise, forte de 12 000 collaborateurs",
    # a customer base, not victims
    "l'opérateur revendique 24,3 millions de clients mobiles",
    "la jeune pousse, qui rassemble désormais 240 clients",
    "la régie dessert 80 000 abonnés",
])
def test_exclusions(text):
    assert find_victim_counts(text) == []


def test_offsets_and_order_in_a_paragraph():
    text = ("Cyberattaque : un pirate revendique le vol de plus de 1,2 million de dossiers. "
            "L'hôpital, qui emploie 2 300 salariés, évoque « environ 750 000 patients » "
            "et une rançon de 2,5 millions d'euros ; en 2025, 45 % des clients.")
    counts = find_victim_counts(text)
    assert [(c.value, c.unit, c.approx) for c in counts] == [
        (1_200_000, "dossier", "plus_de"), (750_000, "patient", "environ")]
    for count in counts:
        assert text[count.start:count.end] == count.text
    assert counts[0].text == "plus de 1,2 million de dossiers"


def test_two_counts_in_one_sentence():
    counts = find_victim_counts("10 000 étudiants et 500 enseignants")
    assert [(c.value, c.unit) for c in counts] == [(10_000, "étudiant"), (500, "enseignant")]


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_every_lexicon_form_maps_to_its_unit(unit):
    assert unit == unit.lower()
    for form in UNITS[unit]:
        assert [c.unit for c in find_victim_counts(f"150 000 {form}")] == [unit], form
