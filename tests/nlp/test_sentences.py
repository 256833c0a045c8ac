"""Sentence boundaries of French press text (rules, no model)."""

from __future__ import annotations

import pytest

from pipeline.nlp.sentences import sentence_spans


def sentences(text):
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("Free et France Travail ont été victimes. Le parquet enquête.",
     ["Free et France Travail ont été victimes.", "Le parquet enquête."]),
    ("M. Dupont dément. Il parle.", ["M. Dupont dément.", "Il parle."]),
    # a quotation stays whole, and a closing « » after a space ends the sentence
    ("Il assure : « Rien n'a fui. Nous vérifions. » Qui ajoute : « Aucune trace. »",
     ["Il assure : « Rien n'a fui. Nous vérifions. »", "Qui ajoute : « Aucune trace. »"]),
    # an intertitle has no full stop: the line break ends it
    ("L'hôpital a porté plainte.\nUne enquête ouverte\nLe parquet a été saisi.",
     ["L'hôpital a porté plainte.", "Une enquête ouverte", "Le parquet a été saisi."]),
    ("Leur mission :\n- vérifier les serveurs ;\n- prévenir les patients. »\nAu-delà, rien.",
     ["Leur mission :", "- vérifier les serveurs ;", "- prévenir les patients. »", "Au-delà, rien."]),
])
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_a_wrapped_line_inside_a_sentence_is_kept():
    assert sentences("Les données de la mutuelle\nont été publiées hier.") == \
        ["Les données de la mutuelle\nont été publiées hier."]
