"""Who can be a victim: roles of organisations learnt from the words around them (no model needed)."""

from __future__ import annotations

import pytest

from pipeline.nlp.entities import find_orgs


def kinds(text):
    return {m.canonical: m.kind for m in find_orgs(text)}


@pytest.mark.parametrize("text, name, kind", [
    ("L'hôpital, accompagné par la société Cyberdéfense Ouest, a porté plainte.", "Cyberdéfense Ouest", "security_firm"),
    ("Avec l'appui du cabinet Sécurilia, la mairie a relancé ses serveurs.", "Sécurilia", "security_firm"),
    ("Pour Léa Morel, responsable de la réponse à incident au sein du cabinet Alertis, la fuite est avérée. "
     "Alertis suit le dossier.", "Alertis", "security_firm"),
])
def test_roles_from_context(text, name, kind):
    assert kinds(text).get(name) == kind


@pytest.mark.parametrize("text, name", [
    ("Le sous-traitant est installé à La Roche-sur-Yon depuis 1990.", "Roche-sur-Yon"),
    ("La production du site de Baraqueville (Aveyron) a ralenti.", "Baraqueville"),
    ("Les hôpitaux de Nouvelle-Aquitaine sont en alerte.", "Nouvelle-Aquitaine"),
    ("Les allocataires du RSA sont inquiets.", "RSA"),
])
def test_places_and_benefits_are_not_organisations(text, name):
    assert name not in kinds(text)


def test_a_dateline_agency_is_a_medium_wherever_named(nlp):
    doc = nlp("RENNES, 4 mars 2026 (NPA) - Le CHU de Rennes dément toute intrusion. "
              "Interrogé par NPA, son directeur précise que les serveurs sont intacts. NPA a vérifié.")
    roles = {m.text: m.kind for m in doc._.orgs}
    assert roles.get("NPA") == "media" and roles.get("CHU de Rennes") == "victim"


@pytest.mark.parametrize("text, name", [
    ("Le conseil municipal de Lunel s'est réuni lundi.", "Mairie de Lunel"),
    ("L'Université du Littoral picard a porté plainte.", "Université du Littoral picard"),
    ("Le Stade rennais a gagné samedi.", "Stade rennais"),
])
def test_names_as_the_press_writes_them(text, name):
    assert name in kinds(text)


def test_one_speaks_to_a_medium(nlp):
    doc = nlp("La clinique Saint-Luc dément. « Aucune donnée n'a fui », affirme à Veille Santé Hebdo sa directrice. "
              "Veille Santé Hebdo a contacté trois experts.")
    roles = {m.canonical: m.kind for m in doc._.orgs}
    assert roles.get("Clinique Saint-Luc") == "victim" and roles.get("Veille Santé Hebdo") == "media"


@pytest.mark.parametrize("text, name", [
    ("Le Syndicat des eaux et de l'assainissement du Ried a été visé.", "Syndicat des eaux et de l'assainissement du Ried"),
    ("Les Transports Guérin et Fils ont porté plainte.", "Transports Guérin et Fils"),
    ("Les EHPAD du groupe Ariane Séniors sont touchés.", "Ariane Séniors"),
    ("La chambre d'agriculture de l'Aube dément.", "Chambre d'agriculture de l'Aube"),
])
def test_long_names_stay_whole(text, name):
    assert name in kinds(text)


@pytest.mark.parametrize("text, name", [
    ("Les collèges de Loire-Atlantique sont prévenus.", "Loire-Atlantique"),
    ("Dans la région de Bar-sur-Seine, les viticulteurs s'inquiètent.", "Région de Bar-sur-Seine"),
    ("Le Conseil départemental de l'Eure et Transeure ont signé.", "Conseil départemental de l'Eure et Transeure"),
])
def test_places_and_pairs_are_not_one_name(text, name):
    assert name not in kinds(text)
