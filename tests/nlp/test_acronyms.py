"""Names defined with their acronym: one organisation, named by its full name (no model needed)."""

from __future__ import annotations

from pipeline.nlp.entities import defined_acronyms, find_orgs


def test_a_name_and_its_acronym_are_one_organisation():
    text = ("L'Office public de l'habitat du Pays basque (OPHPB) a porté plainte. "
            "Selon l'OPHPB, aucune donnée n'a été copiée.")
    names = {m.canonical for m in find_orgs(text) if m.kind == "victim"}
    assert names == {"Office public de l'habitat du Pays basque"}


def test_initials_must_match():
    assert defined_acronyms("La Caisse d'allocations familiales (CAF) répond.")[0][2:] == \
        ("Caisse d'allocations familiales", "CAF")
    assert defined_acronyms("Le maire de Dax (Landes) répond.") == []
