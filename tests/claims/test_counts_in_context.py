"""In a long article about a breach, only the counts of people the breach affects are victim counts."""

from __future__ import annotations

from datetime import date

from pipeline.analysis import TextInput, analyze_texts

ARTICLE = """Le syndicat des eaux du Val d'Orge a été victime d'une cyberattaque dans la nuit de dimanche à lundi.
Un territoire rural
Le syndicat dessert 18 000 abonnés répartis sur 31 communes et emploie 85 agents.
La commune de Lardy, qui compte 6 000 habitants, accueille son siège depuis 1998.
Selon la direction, les coordonnées bancaires d'environ 2 300 abonnés figurent dans les fichiers copiés par les pirates.
Le vendeur affirme aussi détenir 40 000 comptes clients."""


def test_only_the_affected_are_counted(nlp):
    (result,) = analyze_texts([TextInput("a", ARTICLE, date(2025, 5, 14))])
    assert [(c.value, c.unit) for c in result.victim_counts] == [(2300, "abonné"), (40000, "compte")]
