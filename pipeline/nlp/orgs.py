"""The organisation registry: canonical names, aliases, parent groups and roles.

Loaded from ``data/organizations.toml`` (validated: errors name the file, the entry and the
field). ``canonical()`` maps any surface form to one canonical name: exact alias match on a
normalised key (case, accents, leading articles, hyphens and apostrophes folded), then fuzzy
match with rapidfuzz, then the cleaned surface form itself for organisations nobody listed.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from ..errors import ConfigError

__all__ = ["Org", "Registry", "load_registry", "normalize_key", "ROLES"]

ROLES = ("victim", "authority", "attacker", "forum", "security_firm", "media")
_ARTICLES = re.compile(r"^(?:l['’]\s*|le |la |les |du |des |de la |de l['’]|d['’]|de )", re.IGNORECASE)
_NON_WORD = re.compile(r"[\s\-'’.,]+")
FUZZY_THRESHOLD = 92


def normalize_key(name: str) -> str:
    """Key used to compare names: "L'Hôpital  privé de la Miotte" -> "hopital prive de la miotte"."""
    text = unicodedata.normalize("NFKD", name.strip())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ARTICLES.sub("", text.strip())
    return _NON_WORD.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class Org:
    name: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    role: str = "victim"
    sector: str = ""


@dataclass
class Registry:
    orgs: dict[str, Org] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)  # normalised alias -> canonical

    def add(self, org: Org) -> None:
        self.orgs[org.name] = org
        for alias in (org.name, *org.aliases):
            self._keys.setdefault(normalize_key(alias), org.name)

    def surface_forms(self) -> list[tuple[str, str]]:
        """(surface form, canonical) for every name and alias: feeds the phrase matcher."""
        return [(alias, o.name) for o in self.orgs.values() for alias in (o.name, *o.aliases)]

    def lookup(self, surface: str) -> str | None:
        """Canonical name of a known organisation, exact (normalised) or fuzzy; else None."""
        key = normalize_key(surface)
        if not key:
            return None
        if key in self._keys:
            return self._keys[key]
        if len(key) < 6:  # short names and acronyms only match exactly
            return None
        hit = process.extractOne(key, list(self._keys), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if hit and hit[0].split()[-1] == key.split()[-1]:
            # spelling variants only: "centre hospitalier de Vannes" is not "… de Cannes"
            return self._keys[hit[0]]
        return None

    def canonical(self, surface: str) -> str:
        """Canonical name: the registry's when known, else the cleaned surface form."""
        known = self.lookup(surface)
        if known:
            return known
        cleaned = " ".join(_ARTICLES.sub("", surface.strip()).replace("’", "'").split()).strip(" ,.;:«»\"")
        cleaned = re.sub(r"(?i)^conseil\smunicipal\s(d[eu']\s?|de\sla\s|des\s)", r"Mairie \1", cleaned)  # one body, one name
        return cleaned[:1].upper() + cleaned[1:] if cleaned else surface.strip()

    def role(self, canonical: str) -> str:
        org = self.orgs.get(canonical)
        return org.role if org else "victim"

    def parent(self, canonical: str) -> str | None:
        org = self.orgs.get(canonical)
        return org.parent if org else None

    def family(self, canonical: str) -> set[str]:
        """The organisation, its parents and its children: who may speak for it."""
        names = {canonical}
        p = self.parent(canonical)
        while p and p not in names:
            names.add(p)
            p = self.parent(p)
        names.update(o.name for o in self.orgs.values() if o.parent == canonical)
        return names

    def rows(self) -> list[tuple[str, str, str | None, str]]:
        return [(o.name, o.role, o.parent, o.sector) for o in self.orgs.values()]


def parse_registry(text: str, source: str) -> Registry:
    """Validate and build a registry from TOML text; ``source`` names the file in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from exc
    entries = data.get("organization", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{source}: 'organization' must be an array of tables ([[organization]])")
    reg = Registry()
    for i, e in enumerate(entries, start=1):
        where = f"{source}: organization #{i}"
        if not isinstance(e, dict):
            raise ConfigError(f"{where}: must be a table")
        unknown = set(e) - {"name", "aliases", "parent", "role", "sector"}
        if unknown:
            raise ConfigError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        name = e.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where}: field 'name' is required and must be a non-empty string")
        where = f"{source}: organization {name!r}"
        if name in reg.orgs:
            raise ConfigError(f"{where}: listed twice")
        aliases = e.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise ConfigError(f"{where}: 'aliases' must be a list of non-empty strings")
        role = e.get("role", "victim")
        if role not in ROLES:
            raise ConfigError(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
        parent = e.get("parent")
        if parent is not None and (not isinstance(parent, str) or not parent.strip()):
            raise ConfigError(f"{where}: 'parent' must be a non-empty string")
        reg.add(Org(name=name.strip(), aliases=tuple(a.strip() for a in aliases), parent=parent,
                    role=role, sector=str(e.get("sector", ""))))
    for org in reg.orgs.values():
        if org.parent and org.parent not in reg.orgs:
            raise ConfigError(f"{source}: organization {org.name!r}: parent {org.parent!r} is not listed")
    return reg


@lru_cache(maxsize=4)
def load_registry(path: str | None = None) -> Registry:
    """The registry of ``path`` (default: the ``organizations_file`` setting), cached per path."""
    from .. import settings

    path = path or settings.get("organizations_file")
    p = Path(path)
    if not p.exists():
        raise ConfigError(f"{p}: organisations file not found")
    return parse_registry(p.read_text(encoding="utf-8"), str(p))
