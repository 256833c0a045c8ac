"""French wording: dates, numbers, organisation names with their article, incident titles."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

__all__ = ["MONTHS", "month_label", "day_label", "number", "plural", "with_preposition", "subject",
           "incident_kind", "incident_title"]

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
# Common nouns that start organisation names, by gender: "à la Mutuelle …", "au Centre hospitalier …".
_FEMININE = {"mutuelle", "caisse", "federation", "clinique", "polyclinique", "banque", "mairie", "ville", "commune",
             "prefecture", "region", "universite", "ecole", "agence", "societe", "chambre", "direction", "maison",
             "communaute", "metropole", "collectivite", "compagnie", "fondation", "association", "entreprise",
             "plateforme", "assurance", "academie", "administration", "autorite", "assemblee", "cour", "mission",
             "enseigne", "chaine", "residence", "cooperative", "union", "faculte", "federation", "gendarmerie",
             "police", "prefecture", "sncf"}
_MASCULINE = {"hopital", "centre", "chu", "ch", "chru", "chi", "groupe", "groupement", "ministere", "conseil",
              "departement", "institut", "cabinet", "laboratoire", "office", "service", "syndicat", "etablissement",
              "musee", "lycee", "college", "credit", "parquet", "tribunal", "operateur", "hotel", "aeroport", "port",
              "club", "theatre", "site", "reseau", "fonds", "secretariat", "comite", "conservatoire", "pole"}
_KINDS = (
    ("Attaque par rançongiciel", re.compile(r"(?i)ran[çc]ongiciel|ransomware|chiffr[ée]")),
    ("Fuite de données", re.compile(r"(?i)\bfuite|donn[ée]es|dossiers|fichiers|exfiltr|archives")),
)


def _fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def month_label(d: date) -> str:
    """date(2026, 1, 4) -> "janvier 2026"."""
    return f"{MONTHS[d.month - 1]} {d.year}"


def day_label(d: date | str | None) -> str:
    """date(2026, 1, 1) -> "1er janvier 2026"; an ISO string works too; None -> "date inconnue"."""
    if d is None:
        return "date inconnue"
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    return f"{'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]} {d.year}"


def number(n: int | float) -> str:
    """152000 -> "152 000" (French digit grouping)."""
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,.1f}".replace(",", " ").replace(".", ",")
    return f"{int(n):,}".replace(",", " ")


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """(2, "démenti") -> "2 démentis"; (1, "origine indépendante", "origines indépendantes") -> "1 origine indépendante"."""
    return f"{number(n)} {singular if n <= 1 else plural_form or singular + 's'}"


_OWN_ARTICLE = re.compile(r"^(La|Le|Les|L['’])\s*")
_CONTRACTED = {("à", "le"): "au", ("à", "les"): "aux", ("de", "le"): "du", ("de", "les"): "des"}


def _article(name: str) -> str:
    """"la", "le" or "l'" for names starting with a common noun ("Mutuelle …", "Hôpital …"); "" for brands."""
    first = _fold(re.split(r"[\s'’-]", name, maxsplit=1)[0])
    if first not in _FEMININE and first not in _MASCULINE:
        return ""
    if first[:1] in "aeiouyh":
        return "l'"
    return "la" if first in _FEMININE else "le"


def with_preposition(name: str, prep: str) -> str:
    """Name with its article after a preposition: ("Centre hospitalier X", "à") -> "au Centre hospitalier X"."""
    own = _OWN_ARTICLE.match(name)
    if own:  # the article belongs to the name: "à La Poste", "au Parisien"
        art = own.group(1).lower()
        if (prep, art) in _CONTRACTED:
            return f"{_CONTRACTED[(prep, art)]} {name[own.end():]}"
        return f"{prep} {name}"
    art = _article(name)
    if not art:
        return f"d'{name}" if prep == "de" and _fold(name[:1]) in "aeiouy" else f"{prep} {name}"
    if art == "l'":
        return f"{prep} l'{name}"
    if (prep, art) in _CONTRACTED:
        return f"{_CONTRACTED[(prep, art)]} {name}"
    return f"{prep} {art} {name}"


def subject(name: str) -> str:
    """Name as the subject of a sentence: "l'Hôpital privé de la Miotte", "la Mutuelle …", "Doctolib"."""
    if _OWN_ARTICLE.match(name):
        return name
    art = _article(name)
    if not art:
        return name
    return f"l'{name}" if art == "l'" else f"{art} {name}"


def incident_kind(sentences: list[str]) -> str:
    """"Attaque par rançongiciel", "Fuite de données" or "Cyberattaque", from the claims' sentences."""
    for label, pattern in _KINDS:
        if sum(1 for s in sentences if pattern.search(s)) * 3 >= len(sentences) and sentences:
            return label
    return "Cyberattaque"


def _join(names: list[str], prep: str) -> str:
    parts = [with_preposition(n, prep) for n in names[:2]]
    text = " et ".join(parts)
    if len(names) > 2:
        text += f" (et {len(names) - 2} autre{'s' if len(names) > 3 else ''})"
    return text


def incident_title(kind: str, codes: list[str], orgs: list[str], first: date | None) -> str:
    """"Fuite de données attribuée à l'Hôpital privé de la Miotte — janvier 2026".

    ``codes`` are the verification codes of ``orgs``: "confirmée par" when every named
    organisation confirmed, "revendiquée contre" when only attackers speak, else "attribuée à".
    """
    code = codes[0] if len(set(codes)) == 1 else "attributed"
    if code == "claimed":
        head = f"{kind} revendiquée {_join(orgs, 'contre')}"
    elif code == "confirmed":
        head = f"{kind} confirmée {_join(orgs, 'par')}"
    elif code == "partially_confirmed":
        head = f"{kind} partiellement confirmée {_join(orgs, 'par')}"
    else:
        head = f"{kind} attribuée {_join(orgs, 'à')}"
    return f"{head} — {month_label(first)}" if first else head
