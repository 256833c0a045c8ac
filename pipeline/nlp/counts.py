"""Victim counts: how many people or records a text says were affected.

``find_victim_counts`` finds a number (digits, French number words or both), the
qualifier before it ("plus de", "près de", ...) and the noun after it, and keeps the
match only when that noun is in a lexicon of people and record nouns; the unit is that
noun in the lowercase singular, as written (feminine forms fold to the masculine). Money,
percentages, years, phone numbers, data volumes and any other unit are left out simply
because their unit is not in the lexicon. Number words go through ``text2num``.

Examples (text -> value, unit, approx):
    "plus de 150 000 patients"          -> 150000, "patient", "plus_de"
    "près d'un million d'assurés"       -> 1000000, "assuré", "pres_de"
    "les données de 1,2 million de Français" -> 1200000, "français", None
    "150 000 données de patients"       -> 150000, "patient", None ("données" is transparent)
"""

from __future__ import annotations

import logging
import re
import unicodedata

from text_to_num import text2num

from ..records import VictimCount

__all__ = ["find_victim_counts", "UNITS"]

LOGGER = logging.getLogger(__name__)

_APOS = "['’]"

# Unit (the counted noun, lowercase singular, as written) -> its other singular spellings
# (feminine, variants). Every unit and form gets its plural automatically ("patient" ->
# "patients", "français" stays); multi-word forms list their plural. Accent-less spellings
# are accepted too. Files, documents, spectators, visitors, beds, attacks: not here on purpose.
_PEOPLE: dict[str, set[str]] = {
    "patient": {"patiente"}, "malade": set(), "donneur": {"donneuse"},
    "client": {"cliente"}, "consommateur": {"consommatrice"}, "acheteur": {"acheteuse"},
    "usager": {"usagère"}, "utilisateur": {"utilisatrice"}, "internaute": set(),
    "abonné": {"abonnée"}, "adhérent": {"adhérente"}, "assuré": {"assurée"},
    "sociétaire": set(), "mutualiste": set(), "cotisant": {"cotisante"},
    "souscripteur": {"souscriptrice"}, "titulaire": set(), "porteur": {"porteuse"},
    "épargnant": {"épargnante"}, "emprunteur": {"emprunteuse"},
    "bénéficiaire": set(), "allocataire": set(), "contribuable": set(),
    "demandeur d'emploi": {"demandeurs d'emploi", "demandeuse d'emploi",
                           "demandeuses d'emploi"},
    "chômeur": {"chômeuse"}, "inscrit": {"inscrite"}, "retraité": {"retraitée"},
    "personne": set(), "individu": set(), "particulier": {"particulière"},
    "français": {"française"}, "victime": set(), "citoyen": {"citoyenne"},
    "habitant": {"habitante"}, "résident": {"résidente"}, "administré": {"administrée"},
    "électeur": {"électrice"}, "locataire": set(), "propriétaire": set(),
    "destinataire": set(), "expéditeur": {"expéditrice"}, "passager": {"passagère"},
    "voyageur": {"voyageuse"}, "automobiliste": set(), "conducteur": {"conductrice"},
    "salarié": {"salariée"}, "employé": {"employée"}, "agent": set(),
    "collaborateur": {"collaboratrice"}, "fonctionnaire": set(), "intérimaire": set(),
    "soignant": {"soignante"}, "médecin": set(), "infirmier": {"infirmière"},
    "praticien": {"praticienne"}, "pharmacien": {"pharmacienne"},
    "professionnel de santé": {"professionnels de santé"},
    "enseignant": {"enseignante"}, "professeur": {"professeure"},
    "élève": set(), "lycéen": {"lycéenne"}, "collégien": {"collégienne"},
    "étudiant": {"étudiante"}, "apprenti": {"apprentie"}, "stagiaire": set(),
    "candidat": {"candidate"}, "diplômé": {"diplômée"}, "parent": set(), "enfant": set(),
    "mineur": {"mineure"}, "licencié": {"licenciée"}, "sportif": {"sportive"},
    "joueur": {"joueuse"}, "parieur": {"parieuse"}, "membre": set(), "bénévole": set(),
    "artiste": set(), "auteur": {"autrice"}, "journaliste": set(), "élu": {"élue"},
    "militaire": set(), "policier": {"policière"}, "gendarme": set(), "magistrat": set(),
    "avocat": {"avocate"}, "détenu": {"détenue"}, "prospect": set(), "commerçant": set(),
    "vendeur": {"vendeuse"}, "foyer": set(), "ménage": set(), "famille": set(),
    "contact": set(), "bénéficiaire de soins": {"bénéficiaires de soins"},
}
_RECORDS: dict[str, set[str]] = {
    "compte": set(), "dossier": set(), "fiche": set(), "profil": set(), "ligne": set(),
    "enregistrement": set(), "contrat": set(), "identifiant": set(), "donnée": set(),
    "adresse": set(), "iban": set(), "rib": set(), "courriel": set(),
    "e-mail": {"email", "mail"},
    "mot de passe": {"mots de passe"},
    "adresse e-mail": {"adresses e-mail", "adresse email", "adresses email", "adresse mail",
                       "adresses mail", "adresse électronique", "adresses électroniques"},
    "numéro de téléphone": {"numéros de téléphone"},
    "numéro de sécurité sociale": {"numéros de sécurité sociale"},
    "carte bancaire": {"cartes bancaires"},
    "carte de crédit": {"cartes de crédit"},
    "entrée": set(), "réservation": set(), "commande": set(), "transaction": set(), "facture": set(),
    "ordonnance": set(), "candidature": set(), "inscription": set(),
}
UNITS: dict[str, set[str]] = {
    unit: {unit, *forms} for unit, forms in {**_PEOPLE, **_RECORDS}.items()}

# "données" is a container: "150 000 données de patients" counts patients. Any other record noun
# is the counted noun itself: "30 000 dossiers d'agents" counts dossiers.
_CONTAINER = "donnée"
# Units that describe the size of a place or an employer, not a breach, after these words.
_SIZE_UNITS = {"habitant", "salarié", "employé", "collaborateur", "agent", "étudiant", "élève", "adhérent", "licencié",
               "membre", "soignant"}
_SIZE_CONTEXT = re.compile(
    r"(?:\b(?:emploie|emploient|employait|employant|(?:ne\s+)?(?:compte|comptent|comptait)(?:\s+qu['’]?e?)?|peuplée?s?\s+de|fort|forte|"
    r"ville|commune|village|bourg|cité|agglomération|métropole|localité|département|"
    r"région|pays|entreprise|société|groupe|PME|ETI|TPE|firme|usine|structure)s?\s+"
    r"(?:de\s+|d['’]\s*)?(?:plus\s+de\s+|près\s+de\s+|environ\s+|quelque\s+)?)$",
    re.IGNORECASE)
# A customer base or an audience, not victims: "revendique 24 millions de clients", "la jeune pousse
# rassemble 240 clients", "dessert 80 000 abonnés".
_BASE_CONTEXT = re.compile(
    r"\b(?:revendiqu\w*|emploie|emploient|employait|employant|totalis\w*|rassembl\w*|f[ée]d[èe]r\w*|dessert|desservent|r[ée]unit|r[ée]unissent|accueill\w*"
    r"|s[ée]duit|conquis|gagn[ée]|recrut[ée]|attir[ée]|fid[ée]lis\w*)\s+(?:d[ée]sormais\s+|aujourd['’]hui\s+|d[ée]j[àa]\s+)?"
    r"(?:plus\s+de\s+|près\s+de\s+|environ\s+|quelque\s+)?$", re.IGNORECASE)

_SCALES = {"mille": 1_000, "k": 1_000, "million": 1_000_000, "millions": 1_000_000,
           "m": 1_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000,
           "md": 1_000_000_000, "mds": 1_000_000_000}
_APPROX_NOUNS = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20,
                 "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60,
                 "centaine": 100, "millier": 1_000}

_NUMBER_WORD = (r"(?:zéro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|"
                r"treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|"
                r"septante|huitante|octante|nonante|cents?|mille|millions?|milliards?)")
_SEP = r"[ \u00a0\u202f.]"
_NUMBER = re.compile(
    r"(?<![\w,./-])(?:"
    # "1,2 million", "1.5 Md", "150 mille", "2 millions", "500k"
    r"(?P<dec>\d{1,3}(?:[,.]\d{1,3})?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)\s*"
    r"(?P<scale>millions?|milliards?|mille|Mds?|M|k)(?![\w])"
    # "152 000", "152.000", "45000"
    r"|(?P<int>\d{1,3}(?:" + _SEP + r"\d{3})+(?![\d,])|\d+(?![\d,.]\d))"
    # "un demi-million"
    r"|(?P<half>un\s+demi[- ]?(?:million|milliard))"
    # "une centaine de milliers", "un millier"
    r"|une?\s+(?P<noun>" + "|".join(_APPROX_NOUNS) + r")s?"
    r"(?:\s+de\s+(?P<noun_scale>milliers|millions|milliards))?"
    # "cent cinquante mille", "deux millions", "vingt et un mille"
    r"|(?P<words>" + _NUMBER_WORD + r"(?:(?:\s+|-)(?:et(?:\s+|-)(?=un|onze))?"
    + _NUMBER_WORD + r")*)"
    r")(?![\w])",
    re.IGNORECASE)
_NOUN_SCALES = {"milliers": 1_000, "millions": 1_000_000, "milliards": 1_000_000_000}

# Qualifiers, matched at the end of the text before the number; the leftmost match wins,
# so "pas moins de" beats "moins de". The "d" of "plus d" takes "de" or "d'" after it.
_QUALIFIERS = (
    ("au_moins", r"pas\s+moins\s+d|au\s+moins|au\s+minimum|au\s+bas\s+mot"),
    ("jusqu_a", rf"jusqu{_APOS}\s*à|pas\s+plus\s+d|au\s+maximum|au\s+plus"),
    ("plus_de", r"un\s+peu\s+plus\s+d|plus\s+d|au-delà\s+d|au\s+delà\s+d|davantage\s+d"),
    ("moins_de", r"un\s+peu\s+moins\s+d|moins\s+d"),
    ("pres_de", r"près\s+d|pres\s+d|presque|quasiment|pratiquement|pas\s+loin\s+d"),
    ("environ", rf"environ|quelques?|autour\s+d|de\s+l{_APOS}\s*ordre\s+d|"
                r"approximativement|à\s+peu\s+près|grosso\s+modo|aux\s+alentours\s+d"),
)
_QUALIFIER = re.compile(
    r"\b(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _QUALIFIERS) + r")"
    rf"(?:e|{_APOS})?\s*$",
    re.IGNORECASE)
# A range before the number: "entre 10 000 et", "de 3 à", "10 à".
_RANGE = re.compile(
    r"(?:\b(?:entre|de)\s+)?(?<![\w,.])\d[\d \u00a0\u202f.,]*(?:\s*(?:millions?|milliards?|mille))?"
    r"\s+(?:et|à)\s*$", re.IGNORECASE)
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:[€$£]\s*|\bn°\s*|\bnuméro\s+|(?:^|\D)\d{1,2}[ .\u00a0\u202f])$",
    re.IGNORECASE)

_DETERMINERS = r"(?:(?:ses|leurs|nos|vos|ces|leur|notre|votre)\s+)?"
_PRE_ADJECTIVES = (r"(?:(?:anciens?|anciennes?|ex-|nouveaux|nouvelles?|jeunes|autres|"
                   r"premiers?|premières?|futurs?|futures?)\s*)?")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _plural(form: str) -> str:
    """"patient" -> "patients", "individu" -> "individus", "français" -> "français"."""
    if " " in form or form.endswith(("s", "x", "z")):
        return form
    if form.endswith(("eau", "eu")):
        return form + "x"
    return form + "s"


def _surface_table() -> dict[str, str]:
    """Every accepted surface form (lowercase, apostrophe ', accents optional) -> unit."""
    table: dict[str, str] = {}
    for unit, forms in UNITS.items():
        for form in forms:
            for variant in (form, _plural(form)):
                table[variant] = unit
                table[_strip_accents(variant)] = unit
    return table


_SURFACES = _surface_table()


def _form_pattern(form: str) -> str:
    return re.escape(form).replace("'", _APOS).replace(r"\ ", r"\s+").replace(r"\-", "[-‐]?")


_UNIT_ALTERNATION = "|".join(
    _form_pattern(form) for form in sorted(_SURFACES, key=len, reverse=True))
_UNIT_NOUN = (rf"(?:»\s*)?(?:de\s+|d{_APOS}\s*)?(?:«\s*)?{_DETERMINERS}{_PRE_ADJECTIVES}"
              rf"(?P<unit>{_UNIT_ALTERNATION})(?![\w-])")
_UNIT = re.compile(r"\s*" + _UNIT_NOUN, re.IGNORECASE)
# After "données": "données de patients", "données clients".
_CONTAINED = re.compile(r"\s+" + _UNIT_NOUN, re.IGNORECASE)


def _unit_key(surface: str) -> str | None:
    key = re.sub(r"\s+", " ", surface.lower().replace("’", "'").replace("‐", "-"))
    return _SURFACES.get(key) or _SURFACES.get(_strip_accents(key))


def _number_value(match: re.Match[str]) -> int | None:
    """Value of a ``_NUMBER`` match: "1,2 million" -> 1200000, "trois cents" -> 300.

    Returns None for numbers that are not counts: a bare "un"/"une" (an article), a lone
    "millions" ("des millions de comptes"), a decimal without a scale.
    """
    if match.group("dec") is not None:
        digits = re.sub(r"[ \u00a0\u202f]", "", match.group("dec")).replace(",", ".")
        return round(float(digits) * _SCALES[match.group("scale").lower()])
    if match.group("int") is not None:
        return int(re.sub(r"[ \u00a0\u202f.]", "", match.group("int")))
    if match.group("half") is not None:
        return 500_000_000 if match.group("half").lower().endswith("milliard") else 500_000
    if match.group("noun") is not None:
        base = _APPROX_NOUNS[match.group("noun").lower()]
        return base * _NOUN_SCALES.get((match.group("noun_scale") or "").lower(), 1)
    words = match.group("words").lower()
    if words in {"un", "une"} or words.startswith(("million", "milliard")):
        return None
    try:
        return text2num(words, "fr")
    except ValueError:
        LOGGER.debug("not a French number: %r", words)
        return None


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    """The qualifier ending at ``start`` and where it begins: "près d'" -> ("pres_de", i).

    Also turns a range into an upper bound: "entre 10 000 et 15 000" -> ("jusqu_a", i).
    """
    window = text[max(0, start - 40):start]
    offset = start - len(window)
    found = _QUALIFIER.search(window)
    if found:
        return found.lastgroup, offset + found.start()
    found = _RANGE.search(window)
    if found:
        return "jusqu_a", offset + found.start()
    return None, start


def _unit_after(text: str, end: int) -> tuple[str, int] | None:
    """The lexicon unit right after a number, and where its noun ends."""
    found = _UNIT.match(text, end)
    if not found:
        return None
    unit = _unit_key(found.group("unit"))
    if unit is None:
        return None
    unit_end = found.end("unit")
    if unit == _CONTAINER:
        contained = _CONTAINED.match(text, unit_end)
        inner = _unit_key(contained.group("unit")) if contained else None
        if inner is not None and inner != _CONTAINER:
            return inner, contained.end("unit")
    return unit, unit_end


def _is_pour_cent(match: re.Match[str], before: str) -> bool:
    """True for the "cent" of "45 pour cent des clients"."""
    words = match.group("words") or ""
    return words.lower().startswith("cent") and bool(re.search(r"\bpour\s*$", before, re.I))


def _is_size_description(text: str, start: int, unit: str) -> bool:
    """True for "une commune de 20 000 habitants", "le groupe emploie 3 000 salariés",
    "revendique 240 clients"."""
    before = text[max(0, start - 60):start]
    return (unit in _SIZE_UNITS and bool(_SIZE_CONTEXT.search(before))
            or unit in _PEOPLE and bool(_BASE_CONTEXT.search(before)))


def find_victim_counts(text: str) -> list[VictimCount]:
    """All counts of people or records in ``text``, sorted by start offset.

    "plus de 150 000 patients" -> VictimCount(150000, "patient", "plus_de", ...);
    "2,5 millions d'euros", "45 % des clients" and "300 Go de données" give nothing.
    """
    counts: list[VictimCount] = []
    for match in _NUMBER.finditer(text):
        before = text[max(0, match.start() - 8):match.start()]
        if _NOT_A_COUNT_BEFORE.search(before) or _is_pour_cent(match, before):
            continue
        value = _number_value(match)
        if not value:
            continue
        found = _unit_after(text, match.end())
        if found is None:
            continue
        unit, end = found
        if _is_size_description(text, match.start(), unit):
            continue
        approx, start = _qualifier(text, match.start())
        if approx is None and match.group("noun") is not None:
            approx = "environ"
        counts.append(VictimCount(value=value, unit=unit, approx=approx,
                                  text=text[start:end], start=start, end=end))
    return counts
