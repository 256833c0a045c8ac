"""One organisation inside one incident: status, transitions, voices, sources, repetitions.

Reactions follow the contract of ``divergences``: a denial or confirmation about the
organisation or about a group it belongs to counts for it. Wire copies count once
(``ClaimView.story``): six outlets running one agency story are one voice, not six.
"""

from __future__ import annotations

import re
import unicodedata

from ..nlp.orgs import Registry
from ..records import SPEAKERS, STANCES
from .divergence import status_of
from .rows import ClaimView, lineage

__all__ = ["org_report", "story_outlets", "media_finder", "VERIFICATION_LABELS", "is_attacker_claim"]

# Verification codes -> the French labels shown prominently.
VERIFICATION_LABELS = {
    "claimed": "revendiqué",  # only the attacker says so
    "attributed": "attribué",  # press relays it, no reaction
    "denied": "démenti",
    "contested": "contesté",  # attributed and denied
    "confirmed": "confirmé",
    "partially_confirmed": "partiellement confirmé",  # attack confirmed, leak or count denied
}
_RELAY_WORDS = (r"m[ée]dias?|confr[èe]res?|sites?\s+(?:sp[ée]cialis[ée]s?|d['’]information)|journal|quotidien|"
                r"hebdomadaire|magazine|blog|agence|presse|r[ée]daction|cha[îi]ne|radio")
_RELAY = re.compile(r"(?i)\b(?:selon|d['’]apr[èe]s|rapport\w*|r[ée]v[ée]l\w*|relay\w*|relai\w*|cit[ée]e?s?\s+par|"
                    r"indiqu\w*)\b[^.;]{0,40}?\b(?:" + _RELAY_WORDS + r")\b")
_OWN_SOURCES = re.compile(r"(?i)\bnos\s+(?:informations|sources)\b|\bnous\s+avons\s+(?:pu\s+)?(?:consult|v[ée]rifi|obten)")


def is_attacker_claim(v: ClaimView) -> bool:
    """An attribution voiced by the attacker (its post, its leak site, a leak tracker)."""
    return v.stance == "attribution" and (v.speaker == "attacker" or v.feed_kind == "leak_tracker")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


def media_finder(registry: Registry) -> tuple[re.Pattern | None, dict[str, str]]:
    """A pattern finding the registry's media in folded text ("selon ZATAZ"), and form -> name."""
    forms = {_fold(surface): canonical for surface, canonical in registry.surface_forms()
             if registry.role(canonical) == "media"}
    if not forms:
        return None, {}
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?<!\w)(" + alternation + r")(?!\w)"), forms


def _media_named(v: ClaimView, finder: tuple[re.Pattern | None, dict[str, str]]) -> str | None:
    pattern, forms = finder
    if pattern is None:
        return None
    m = pattern.search(_fold(v.speaker_name + " " + v.sentence))
    return forms[m.group(1)] if m else None


def _origin(v: ClaimView, story_outlet: dict[str, str], media: tuple, registry: Registry) -> tuple[str | None, bool]:
    """(origin key or None for an unnamed relay, whether this claim merely relays another source).

    Origins: the attacker's post (one per attacker group named, forums aside), an official or
    expert voice, an outlet's own reporting (a wire story's agency for its copies). An outlet
    reporting the attacker's post, quoting a statement, citing another outlet ("selon ZATAZ",
    "selon plusieurs médias") or running a wire copy relays.
    """
    if is_attacker_claim(v):
        groups = sorted(n for n in v.names if registry.role(n) == "attacker")
        return "attacker:" + (",".join(groups) or "?"), True
    if v.speaker in ("organization", "authority", "expert"):
        # an expert interviewed is the outlet's own sourcing; a statement is public, relayed
        return v.speaker + ":" + (_fold(v.speaker_name) or "?"), v.speaker != "expert"
    named = _media_named(v, media)
    if named and named != v.outlet:
        return "press:" + named, True
    relayed = bool(_RELAY.search(v.sentence) or (v.speaker == "press" and v.speaker_name
                                                and _RELAY.search("selon " + v.speaker_name)))
    if relayed and not _OWN_SOURCES.search(v.sentence):
        return None, True
    origin_outlet = story_outlet.get(v.story, v.outlet)
    return "press:" + origin_outlet, origin_outlet != v.outlet


def _independence(attributions: list[ClaimView], story_outlet: dict[str, str], media: tuple,
                  registry: Registry) -> tuple[list[str], int, int]:
    """(distinct origins, outlets carrying the attribution, outlets with no origin of their own)."""
    origins: set[str] = set()
    outlets: set[str] = set()
    own: set[str] = set()
    for v in attributions:
        origin, relay = _origin(v, story_outlet, media, registry)
        if origin:
            origins.add(origin)
        outlets.add(v.outlet)
        if not relay:
            own.add(v.outlet)
    return sorted(origins), len(outlets), len(outlets - own)


def _verification(att: list[ClaimView], den: list[ClaimView], conf: list[ClaimView]) -> str:
    if conf:
        last = max(conf, key=lambda v: v.key)
        conf_stories = {v.story for v in conf}
        if any(d.key >= last.key or d.story in conf_stories for d in den):
            return "partially_confirmed"
        return "confirmed"
    if den:
        return "contested" if att else "denied"
    if att and all(is_attacker_claim(v) for v in att):
        return "claimed"
    return "attributed"


def _transitions(claims: list[ClaimView]) -> list[dict]:
    """State changes, oldest first: claimed -> attributed -> denied -> confirmed (a later denial reopens)."""
    out, state = [], None
    for v in claims:
        if v.stance == "attribution":
            new = "claimed" if is_attacker_claim(v) else "attributed"
            if state not in (None, "claimed") or new == state:
                continue
        elif v.stance == "denial":
            new = "denied"
        elif v.stance == "confirmation":
            new = "confirmed"
        else:
            continue
        if new == state:
            continue
        state = new
        out.append({"state": new, **v.ref(), "speaker": v.speaker, "sentence": v.sentence})
    return out


def _voices(claims: list[ClaimView]) -> dict[str, dict[str, int]]:
    seen: dict[str, dict[str, set[str]]] = {}
    for v in claims:
        seen.setdefault(v.speaker, {s: set() for s in STANCES})[v.stance].add(v.story)
    order = {s: i for i, s in enumerate(SPEAKERS)}
    return {sp: {st: len(stories) for st, stories in by.items()}
            for sp, by in sorted(seen.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))}


def _repeated_after_denial(att: list[ClaimView], reactions: list[ClaimView]) -> list[dict]:
    """Articles that publish the attribution after the first denial, before any later confirmation,
    without reporting a reaction of the organisation themselves (wire copies included)."""
    denials = [v for v in reactions if v.stance == "denial"]
    if not denials:
        return []
    first = min(denials, key=lambda v: v.key)
    confirmations = [v for v in reactions if v.stance == "confirmation" and v.key > first.key]
    until = min(confirmations, key=lambda v: v.key).ts if confirmations else None
    reacting = {v.story for v in reactions}
    out, seen = [], set()
    for v in sorted(att, key=lambda v: v.key):
        if v.ts is None or first.ts is None or v.ts <= first.ts or (until and v.ts >= until):
            continue
        if v.story in reacting or v.article_id in seen:
            continue
        seen.add(v.article_id)
        out.append({**v.ref(), "sentence": v.sentence})
    return out


def story_outlets(claims: list[ClaimView]) -> dict[str, str]:
    """story (wire group) -> the outlet of its earliest article: the origin of a syndicated story."""
    out: dict[str, str] = {}
    for v in sorted(claims, key=lambda v: v.key):
        out.setdefault(v.story, v.outlet)
    return out


def org_report(org: str, claims: list[ClaimView], registry: Registry, *, story_outlet: dict[str, str] | None = None,
               media: tuple | None = None) -> dict:
    """The per-organisation entry of an incident (fields listed in ``build.build_incidents``).

    ``claims`` are the incident's, oldest first; ``story_outlet`` and ``media`` (from
    ``story_outlets`` and ``media_finder``) may be computed once per incident and passed in.
    """
    speakers_for = lineage(org, registry)
    att = [v for v in claims if v.org == org and v.stance == "attribution"]
    reactions = [v for v in claims if v.org in speakers_for and v.stance in ("denial", "confirmation")]
    den = [v for v in reactions if v.stance == "denial"]
    conf = [v for v in reactions if v.stance == "confirmation"]
    involved = [v for v in claims if (v.org == org and v.stance == "attribution")
                or (v.org in speakers_for and v.stance in ("denial", "confirmation"))]
    story_outlet = story_outlet if story_outlet is not None else story_outlets(claims)
    media = media if media is not None else media_finder(registry)
    first_att = att[0] if att else None
    first_any = first_att or (involved[0] if involved else None)
    first_reaction = reactions[0] if reactions else None
    delay = None
    if first_att and first_reaction and first_att.ts and first_reaction.ts:
        delay = round((first_reaction.ts - first_att.ts).total_seconds() / 86400, 2)
    origins, outlets, relaying = _independence(att, story_outlet, media, registry)
    code = _verification(att, den, conf)
    return {
        "org": org,
        "status": status_of(len(att), len(den), len(conf)),
        "verification": VERIFICATION_LABELS[code],
        "verification_code": code,
        "attributions": len(att),
        "denials": len(den),
        "confirmations": len(conf),
        "transitions": _transitions(involved),
        "first_outlet": first_any.ref() if first_any else None,
        "first_reaction": ({**first_reaction.ref(), "stance": first_reaction.stance,
                            "speaker": first_reaction.speaker} if first_reaction else None),
        "reaction_delay_days": delay,
        "voices": _voices(involved),
        "independent_origins": len(origins),
        "origins": origins,
        "outlets": outlets,
        "relaying_outlets": relaying,
        "repeated_after_denial": _repeated_after_denial(att, reactions),
    }
