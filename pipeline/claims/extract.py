"""Doc -> claims: organisation x stance x speaker, with the evidence sentence.

For each sentence about a cyber incident (or a reaction sentence right after one):
1. find who speaks: the subject of a reporting verb (dependency parse), "selon X",
   an inverted "», assure X", a continued quotation, else the journalist (``press``);
2. find the organisations the sentence is about (victim role only: authorities, forums,
   attackers, security firms and media are speakers or places);
3. decide the stance per clause: a negated breach or a denial verb is a ``denial``; an
   organisation acknowledging the event about itself is a ``confirmation``; any other
   assertion or relay of the breach is an ``attribution`` (hedged when reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..nlp.orgs import Registry
from ..records import Claim, DateMention, OrgMention, VictimCount
from .patterns import (ATTRIBUTION_EXCLUDED_ROLES, INVERTED_VERBS, REPORTING_LEMMAS, SPEAKER_WORDS, ClaimRules)

__all__ = ["extract_claims", "Speaker"]

_CLAUSE_SPLIT = re.compile(r"\s*;\s*|,?\s+(?:mais|tandis\squ['’]|tandis\sque|alors\squ['’]|alors\sque|en\srevanche|"
                           r"cependant|toutefois|pourtant|néanmoins)\s+")
_PRONOUN_START = re.compile(r"(?i)^\s*(?:(?:de\sson\scôté|pour\sa\spart|contacté[e]?s?|interrogé[e]?s?|sollicité[e]?s?)\s*,\s*)?"
                            r"(?:il|elle|ils|elles)\b")
_POSSESSIVE = re.compile(r"(?i)\b(?:ses|son|sa|leurs?)\s(?:propres\s)?(?:syst[èe]mes?|serveurs?|donn[ée]es|infrastructures?|r[ée]seaux?|outils|services|bases?)")
_FIRST_PERSON = re.compile(r"(?i)\b(?:nous|nos|notre)\b")
_SELON = re.compile(r"(?i)\b(?:selon|d['’]après|pour|de\ssource)\s+([^,;:.«»]{2,80})")
_INVERTED = re.compile(r"(?i)[»,]\s*(?:a\s|ont\s|avait\s)?" + INVERTED_VERBS + r"(?:-t)?(?:-(?:il|elle|ils|elles|on))?"
                       r"\s+((?:l['’]|la\s|le\s|les\s|un\s|une\s|son\s|sa\s|ses\s)?[^,;.«»]{2,80})")


@dataclass(frozen=True)
class Speaker:
    kind: str  # press | attacker | organization | authority | expert | other
    org: str | None = None  # canonical organisation when an organisation speaks
    name: str = ""  # words naming the speaker in the text


PRESS = Speaker("press")


def _classify(words: str, orgs_in_words: list[OrgMention], context_org: str | None) -> Speaker:
    """Kind of speaker named by ``words`` ("l'établissement", "le parquet de Paris", "un chercheur")."""
    for m in orgs_in_words:
        if m.kind == "victim":
            return Speaker("organization", m.canonical, words.strip())
        if m.kind == "authority":
            return Speaker("authority", None, m.canonical)
        if m.kind in ("attacker", "forum"):
            return Speaker("attacker", None, m.canonical)
        if m.kind == "security_firm":
            return Speaker("expert", None, m.canonical)
        if m.kind == "media":
            return Speaker("press", None, m.canonical)
    for kind in ("authority", "attacker", "expert", "press", "organization"):
        if SPEAKER_WORDS[kind].search(words):
            if kind == "organization":
                return Speaker("organization", context_org, words.strip()) if context_org else Speaker("other", None, words.strip())
            return Speaker(kind, None, words.strip())
    return Speaker("other", None, words.strip())


def _subtree_span(token: Token) -> tuple[int, int]:
    toks = [t for t in token.subtree if t.dep_ not in ("punct", "parataxis", "ccomp", "xcomp", "acl", "acl:relcl")
            or t == token]
    left = min(t.idx for t in toks)
    right = max(t.idx + len(t.text) for t in toks)
    return left, right


def _orgs_between(orgs: list[OrgMention], start: int, end: int) -> list[OrgMention]:
    return [m for m in orgs if start <= m.start < end or m.start <= start < m.end]


def find_speaker(sent: Span, orgs: list[OrgMention], context_org: str | None) -> Speaker | None:
    """Who speaks in ``sent``; None when nothing marks a speaker (the caller decides)."""
    text = sent.text
    quoted = _quoted_ranges(sent)
    # 1. subject (or inverted subject) of a reporting verb outside quotation marks
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in REPORTING_LEMMAS:
            continue
        if any(s <= token.idx < e for s, e in quoted):
            continue
        candidates = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if not candidates and token.i > sent.start and any(t.text in "»\"”" for t in sent[: token.i - sent.start]):
            candidates = [c for c in token.children if c.dep_ in ("obj", "nsubj") and c.i > token.i]
        for subj in candidates:
            if subj.lower_ in ("il", "elle", "ils", "elles", "on", "qui"):
                if context_org:
                    return Speaker("organization", context_org, subj.text)
                continue
            if subj.lower_ in ("nous", "je"):
                return Speaker("organization", context_org, subj.text) if context_org else None
            s, e = _subtree_span(subj)
            return _classify(sent.doc.text[s:e], _orgs_between(orgs, s, e), context_org)
    # 2. "selon X", "d'après X"
    m = _SELON.search(text)
    if m:
        s = sent.start_char + m.start(1)
        e = sent.start_char + m.end(1)
        return _classify(m.group(1), _orgs_between(orgs, s, e), context_org)
    # 3. "« … », assure l'établissement" when the parse missed it
    m = _INVERTED.search(text)
    if m and ("»" in text[: m.start() + 1] or "," in text[: m.start() + 1]):
        s = sent.start_char + m.start(1)
        e = sent.start_char + m.end(1)
        words = m.group(1)
        found = _orgs_between(orgs, s, e)
        if found or any(SPEAKER_WORDS[k].search(words) for k in SPEAKER_WORDS):
            return _classify(words, found, context_org)
    return None


def _quoted_ranges(sent: Span) -> list[tuple[int, int]]:
    """Character ranges inside « » (or "…") in a sentence; an unclosed quote runs to the end."""
    ranges, depth_start = [], None
    for i, ch in enumerate(sent.text):
        if ch in "«“" and depth_start is None:
            depth_start = i
        elif ch in "»”" and depth_start is not None:
            ranges.append((sent.start_char + depth_start, sent.start_char + i + 1))
            depth_start = None
    if depth_start is not None:
        ranges.append((sent.start_char + depth_start, sent.end_char))
    return ranges


def _clauses(sent: Span) -> list[tuple[int, int]]:
    """Character spans of the clauses of a sentence (split at ';' and contrastive conjunctions)."""
    text = sent.text
    spans, start = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        spans.append((sent.start_char + start, sent.start_char + m.start()))
        start = m.end()
    spans.append((sent.start_char + start, sent.end_char))
    return [(s, e) for s, e in spans if e > s]


def _first(items, start: int, end: int):
    for item in items:
        if start <= item.start < end:
            return item
    return None


def extract_claims(doc: Doc, orgs: list[OrgMention], counts: list[VictimCount], dates: list[DateMention],
                   rules: ClaimRules, registry: Registry, feed_kind: str = "press") -> list[Claim]:
    """All claims of a document, in text order."""
    claims: list[Claim] = []
    sents = list(doc.sents)
    cyber_flags = [bool(rules.cyber.search(s.text)) and not _figurative_only(s.text, rules) for s in sents]
    if not any(cyber_flags):
        return []
    prev_speaker: Speaker | None = None
    last_victim: str | None = None
    for i, sent in enumerate(sents):
        text = sent.text
        sent_orgs = [m for m in orgs if sent.start_char <= m.start < sent.end_char]
        victims = [m for m in sent_orgs if m.kind not in ATTRIBUTION_EXCLUDED_ROLES]
        reaction = bool(rules.denial.search(text) or rules.confirmation.search(text))
        follows_event = any(cyber_flags[max(0, i - 3):i])
        relevant = cyber_flags[i] or (follows_event and (reaction or rules.event_anaphora.search(text)))
        continuation = bool(rules.continuation.search(text))
        context_org = victims[0].canonical if victims else last_victim
        speaker = find_speaker(sent, sent_orgs, context_org)
        if speaker is None and continuation and prev_speaker is not None:
            speaker = prev_speaker
        if speaker is None and _PRONOUN_START.search(text) and last_victim and reaction:
            speaker = Speaker("organization", last_victim, "")
        if speaker is None and rules.attacker_claim.search(text) and any(SPEAKER_WORDS["attacker"].search(text[:m.start]) or m.kind == "attacker"
                                                                         for m in sent_orgs) if sent_orgs else False:
            speaker = Speaker("attacker")
        if speaker is None and rules.attacker_claim.search(text) and SPEAKER_WORDS["attacker"].search(text):
            subj_attacker = any(t.dep_.startswith("nsubj") and SPEAKER_WORDS["attacker"].search(t.text)
                                for t in sent)
            if subj_attacker or re.search(r"(?i)revendiqu\w*\spar", text):
                speaker = Speaker("attacker")
        if speaker is None:
            speaker = Speaker(_feed_voice(feed_kind), None, "")
        if victims:
            last_victim = victims[-1].canonical
        prev_speaker = speaker if (speaker.kind != "press" or continuation) else prev_speaker
        if not relevant:
            continue
        # an organisation speaking in the first person about "nos systèmes" is the one concerned
        if not victims and speaker.kind == "organization" and speaker.org and (
                _FIRST_PERSON.search(text) or reaction):
            victims = [OrgMention(speaker.org, speaker.name, sent.start_char, sent.start_char, "victim")]
        if not victims and last_victim and reaction and (_PRONOUN_START.search(text) or _POSSESSIVE.search(text)):
            victims = [OrgMention(last_victim, "", sent.start_char, sent.start_char, "victim")]
        for c_start, c_end in _clauses(sent):
            clause = doc.text[c_start:c_end]
            in_clause = [v for v in victims if c_start <= v.start < c_end] or (
                victims if len(_clauses(sent)) == 1 or not any(c_start <= v.start < c_end for v in victims)
                and _is_pronoun_clause(clause) else [])
            for victim in _unique(in_clause):
                stance = _stance(clause, victim.canonical, speaker, rules, registry)
                if stance is None:
                    continue
                claim_speaker = speaker.kind
                if stance in ("denial", "confirmation") and speaker.kind == "press" and stance == "confirmation":
                    continue
                claims.append(Claim(
                    org=victim.canonical, stance=stance, speaker=claim_speaker, sentence=text,
                    start=sent.start_char, end=sent.end_char,
                    victim_count=_first(counts, sent.start_char, sent.end_char),
                    event_date=_event_date(dates, sent.start_char, sent.end_char),
                    cue=f"{stance}.{'hedged' if rules.hedge.search(text) and stance == 'attribution' else 'direct'}",
                    speaker_name=speaker.name or (speaker.org or ""),
                    hedged=stance == "attribution" and bool(rules.hedge.search(text)),
                    rule_version=rules.version,
                ))
    return _dedupe(claims)


def _feed_voice(feed_kind: str) -> str:
    """The default voice of a feed: an official newsroom speaks for itself, a leak tracker for attackers."""
    return {"official": "organization", "leak_tracker": "attacker"}.get(feed_kind, "press")


def _is_pronoun_clause(clause: str) -> bool:
    return bool(_PRONOUN_START.search(clause))


def _figurative_only(text: str, rules: ClaimRules) -> bool:
    """True when every cyber word of the sentence is figurative ("site pirate", "fuite d'eau")."""
    if not rules.figurative.search(text):
        return False
    return not rules.cyber.search(rules.figurative.sub(" ", text))


def _stance(clause: str, org: str, speaker: Speaker, rules: ClaimRules, registry: Registry) -> str | None:
    speaks_for_itself = speaker.kind == "organization" and speaker.org is not None and (
        org in registry.family(speaker.org) or speaker.org in registry.family(org))
    if rules.no_comment.search(clause) and not rules.denial.search(rules.no_comment.sub(" ", clause)):
        return None if speaks_for_itself else ("attribution" if rules.cyber.search(clause) and speaker.kind != "organization" else None)
    if rules.denial.search(clause):
        if speaker.kind == "organization" and not speaks_for_itself:
            # an organisation denying for itself while naming another: the other is being blamed
            return "attribution" if rules.cyber.search(clause) else None
        return "denial"
    if speaks_for_itself:
        if rules.confirmation.search(clause) or rules.cyber.search(clause) and not rules.investigating.search(clause):
            return "confirmation" if not rules.investigating.search(clause) else None
        return None
    if not rules.cyber.search(clause):
        return None
    if speaker.kind == "organization":
        return "attribution"
    return "attribution"


def _event_date(dates: list[DateMention], start: int, end: int) -> str | None:
    for d in dates:
        if start <= d.start < end and d.precision in ("day", "month"):
            return d.value
    return None


def _unique(mentions: list[OrgMention]) -> list[OrgMention]:
    seen, out = set(), []
    for m in mentions:
        if m.canonical not in seen:
            seen.add(m.canonical)
            out.append(m)
    return out


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        key = (c.org, c.stance, c.speaker, c.start)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
