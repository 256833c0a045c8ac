"""Which clauses report an event, so that a sentence naming no organisation may be about the story's."""

from __future__ import annotations

import pytest

from pipeline.claims.extract import _names_the_event


@pytest.mark.parametrize("text, reports", [
    ("Le site a été piraté dans la nuit.", True),
    ("Les pirates auraient copié les fichiers.", True),
    ("L'attaque, revendiquée par le groupe Qilin, remonte au 20 septembre.", True),
    ("Un fichier circule depuis dimanche sur un forum.", True),
    ("Les pirates copient d'abord les données, puis chiffrent les serveurs.", False),
    ("Il pointe les risques liés aux attaques par déni de service.", False),
    ("Les cyberattaques contre les hôpitaux se multiplient.", False),
    ("Des données de santé en vente sur le dark web", False),  # an intertitle: no verb
])
def test_clauses_that_report_an_event(nlp, text, reports):
    sent = next(nlp(text).sents)
    assert _names_the_event(sent, sent.text) is reports
