"""French regions and départements: places, never organisations by themselves.

The press names them as places ("les hôpitaux de Loire-Atlantique", "Bègles (Gironde)"); their
councils are organisations and are named with a head ("conseil départemental de la Gironde",
"Région Bretagne"), which the institution patterns of ``entities.py`` catch.
"""

from __future__ import annotations

__all__ = ["PLACE_NAMES"]

_REGIONS = """auvergne-rhône-alpes|bourgogne-franche-comté|bretagne|centre-val de loire|corse|grand est|hauts-de-france
|île-de-france|normandie|nouvelle-aquitaine|occitanie|pays de la loire|provence-alpes-côte d'azur|guadeloupe|martinique
|guyane|la réunion|mayotte"""

_DEPARTEMENTS = """ain|aisne|allier|alpes-de-haute-provence|hautes-alpes|alpes-maritimes|ardèche|ardennes|ariège|aube|aude|aveyron
|bouches-du-rhône|calvados|cantal|charente|charente-maritime|cher|corrèze|corse-du-sud|haute-corse|côte-d'or|côtes-d'armor
|creuse|dordogne|doubs|drôme|eure|eure-et-loir|finistère|gard|haute-garonne|gers|gironde|hérault|ille-et-vilaine|indre
|indre-et-loire|isère|jura|landes|loir-et-cher|loire|haute-loire|loire-atlantique|loiret|lot|lot-et-garonne|lozère
|maine-et-loire|manche|marne|haute-marne|mayenne|meurthe-et-moselle|meuse|morbihan|moselle|nièvre|nord|oise|orne
|pas-de-calais|puy-de-dôme|pyrénées-atlantiques|hautes-pyrénées|pyrénées-orientales|bas-rhin|haut-rhin|rhône|haute-saône
|saône-et-loire|sarthe|savoie|haute-savoie|seine-maritime|seine-et-marne|yvelines|deux-sèvres|somme|tarn|tarn-et-garonne
|var|vaucluse|vendée|vienne|haute-vienne|vosges|yonne|territoire de belfort|essonne|hauts-de-seine|seine-saint-denis
|val-de-marne|val-d'oise"""

PLACE_NAMES = frozenset(name.strip() for name in (_REGIONS + "|" + _DEPARTEMENTS).replace("\n", "").split("|"))
