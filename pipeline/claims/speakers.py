"""Who speaks in a sentence: the journalist, an attacker, the organisation, an authority, an expert.

Strategies in order: an organisation opening the sentence before a reporting verb ("Doctolib,
qui …, dément"), "du côté de X, on assure", an inverted pronoun ("a-t-il assuré"), the subject of a
reporting verb found by lemma on the dependency parse (quotations excluded), "selon X" / "pour
l'expert X", an inverted subject after a quotation ("», assure l'établissement"). The words naming
the speaker decide its kind; an organisation named there speaks and is not a target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..nlp.entities import APPOSITION_HEADS
from ..records import OrgMention
from .patterns import INVERTED_VERBS, REPORTING_LEMMAS, SPEAKER_WORDS

__all__ = ["Speaker", "find_speaker", "quoted_ranges"]

_FORMAL = re.compile(r"(?i)^\W*([^,:«»]{3,70}?)\s(?:est|sont|se\s(?:dit|disent|montre|veut))\s(?:tr[èe]s\s)?"
                     r"(?:formel|formelle|formels|cat[ée]gorique|cat[ée]goriques|clair|claire|affirmati(?:f|ve)|rassurante?)s?\s?:")
_SELON = re.compile(r"(?i)\b(?:selon|d['’]apr[èe]s|de\ssource|(?<![\w'’])pour)\s+([^,;:.«»]{2,80})")


_INVERTED = re.compile(r"(?i)(?:[»,]|qu['’]|que)\s*(?:nous\s|lui\s|leur\s|m['’]|nous\sl['’])?(?:a\s|ont\s|avait\s|aurait\s)?" + INVERTED_VERBS
                       + r"(?:-t)?(?:-(?:il|elle|ils|elles|on))?(?:\s(?:jeudi|lundi|mardi|mercredi|vendredi|samedi|dimanche|hier|aussi|encore|alors|toutefois|pourtant|ce\s\w+))*"
                       r"\s+((?:à\s\w+\s)?(?:l['’]|la\s|le\s|les\s|un\s|une\s|son\s|sa\s|ses\s|leur\s)?[^,;.«»]{2,80})")


_FORWARD = re.compile(r"^(?:,[^,]{0,110},|\s?\([^)]{0,60}\))?\s*(?:lui-m[êe]me\s|elle-m[êe]me\s)?(?:a\s|ont\s|avait\s|aurait\s|avaient\s)?"
                      r"(?:\w+\s)?" + INVERTED_VERBS + r"\b", re.IGNORECASE)


_INTRO = re.compile(r"(?i)^\W*(?:(?:(?:d[ée]j[àa]\s)?(?:(?:contact[ée]e?s?|interrog[ée]e?s?|sollicit[ée]e?s?|joint[e]?s?)(?:\s[^,]{1,40})?|de\sson\scôt[ée]|pour\ssa\spart"
                    r"|dans\s(?:un|une|son|sa|leur|ses)\s[^,]{0,70}|lors\sd['’]un[e]?\s[^,]{0,60}|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aussit[ôo]t"
                    r"|«[^»]{0,300}»\s*:|[^,]{0,40}\((?:afp|reuters|ap)\)\s*[-–—]?|[A-ZÀ-Ý'’ \-]{2,40},\s[^(]{0,40}\([A-Za-z]{2,8}\)\s*[-–—]?|[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+(?:\s[A-ZÀ-Ý'’\-]+){0,3}\s[–—-]))\s*,?\s*)*"
                    r"(?P<tail>(?:l['’]|la\s|le\s|les\s|des\s|un\s|une\s)(?:[a-zàâçéèêëîïôûù\-]+\s|d['’]|l['’]){0,6})?$")


_INVERTED_PRONOUN = re.compile(r"(?i)(?:\b(?:a|ont|avait|aurait)-t-(?:il|elle)s?\s+" + INVERTED_VERBS + r"|\b" + INVERTED_VERBS
                               + r"\w*-(?:t-)?(?:il|elle)s?\b)")


# "la néobanque X", "le prestataire informatique X": the words before the name only say what X is
_ORG_TYPE_BEFORE = re.compile(r"(?i)^(?:l['’]|la\s|le\s|les\s|un\s|une\s)?(?:" + APPOSITION_HEADS + r")(?:\s[\w\-’']+){0,5}$")


_DETERMINERS = re.compile(r"(?i)^(?:\s*(?:l['’]|la|le|les|un|une|des|du|de|d['’]|son|sa|ses|leur|leurs|à|a|chez))+\s*")


_EVIDENCE_NOUNS = {"scénario", "affaire", "situation", "cas", "épisode", "incident", "histoire", "attaque", "fuite",
                   "piratage", "cyberattaque", "mode", "méthode", "procédé", "analyse", "vérification", "enquête", "étude", "rapport", "document", "fichier", "donnée", "élément",
                   "trace", "examen", "investigation", "audit", "capture", "archive", "échantillon", "lot", "base",
                   "information", "indice", "preuve", "constat", "test", "contrôle", "expertise"}


@dataclass(frozen=True)
class Speaker:
    kind: str  # press | attacker | organization | authority | expert | other
    org: str | None = None  # canonical organisation when an organisation speaks
    name: str = ""  # words naming the speaker in the text
    span: tuple[int, int] | None = None  # where those words are: an organisation named there speaks, it is not a target


def _classify(words: str, orgs_in_words: list[OrgMention], context_org: str | None) -> Speaker:
    """Kind of speaker named by ``words`` ("l'établissement", "le parquet de Paris", "un chercheur")."""
    words = words.strip()
    for m in sorted(orgs_in_words, key=lambda m: m.start):
        if m.kind == "victim":
            before = words.split(m.text)[0].rsplit(",", 1)[-1]  # "Contacté jeudi, X": the intro ends at the comma
            if (_DETERMINERS.sub("", before).strip() and not SPEAKER_WORDS["organization"].search(before.strip())
                    and not _ORG_TYPE_BEFORE.match(before.strip())):
                break  # "des patients de X", "un syndicat de X": someone else than X speaks
            return Speaker("organization", m.canonical, words)
        if m.kind == "authority":
            return Speaker("authority", None, m.canonical)
        if m.kind in ("attacker", "forum"):
            return Speaker("attacker", None, m.canonical)
        if m.kind == "security_firm":
            return Speaker("expert", None, m.canonical)
        if m.kind == "media":
            return Speaker("press", None, m.canonical)
    lead = " ".join(words.split()[:6])
    for kind in ("press", "authority", "attacker", "expert"):
        if SPEAKER_WORDS[kind].search(lead):
            return Speaker(kind, None, words)
    if SPEAKER_WORDS["organization"].search(lead):
        return Speaker("organization", context_org, words) if context_org else Speaker("other", None, words)
    return Speaker("other", None, words)


def _subtree_span(token: Token) -> tuple[int, int]:
    toks = [t for t in token.subtree if t.dep_ not in ("punct", "parataxis", "ccomp", "xcomp", "acl", "acl:relcl")
            or t == token]
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def _orgs_between(orgs: list[OrgMention], start: int, end: int) -> list[OrgMention]:
    return [m for m in orgs if start <= m.start < end or m.start <= start < m.end]


def quoted_ranges(sent: Span) -> list[tuple[int, int]]:
    """Character ranges inside « » (or “ ”) of a sentence; an unclosed quote runs to the end."""
    ranges, opened = [], None
    for i, ch in enumerate(sent.text):
        if ch in "«“" and opened is None:
            opened = i
        elif ch in "»”" and opened is not None:
            ranges.append((sent.start_char + opened, sent.start_char + i + 1))
            opened = None
    if opened is not None:
        ranges.append((sent.start_char + opened, sent.end_char))
    return ranges


def find_speaker(sent: Span, orgs: list[OrgMention], context_org: str | None,
                 previous: Speaker | None = None) -> Speaker | None:
    """Who speaks in ``sent``; None when nothing marks a speaker (the caller decides).

    A pronoun ("a-t-il assuré", "elle précise") is the previous sentence's speaker when there was
    one, else the organisation in context."""
    pronoun = previous if previous is not None and previous.kind != "press" else (
        Speaker("organization", context_org, "") if context_org else None)
    text, base = sent.text, sent.start_char
    quoted = quoted_ranges(sent)
    outside = [m for m in orgs if not any(s <= m.start < e for s, e in quoted)]
    # 1. an organisation opening the sentence before a reporting verb: "Doctolib, qui ..., dément"
    for m in outside:
        if text[max(0, m.start - base - 1):m.start - base] == "(" or m.kind == "media":
            continue  # "(AFP) -", "Le Monde" as dateline or source, not the subject
        intro = _INTRO.match(text[: m.start - base])
        if intro and (_reporting_follows(sent, m.end) or _FORWARD.match(text[m.end - base:])):
            tail = intro.group("tail") or ""
            start = m.start - len(tail)
            # "le directeur de l'aéroport X" speaks for X; "des patients de la clinique X" do not
            return _with_span(_classify(tail + m.text, [m], context_org), start, m.end)
        break
    # 1b. "du côté de X, on assure…", "… explique-t-on chez X"
    for m in outside:
        before = text[max(0, m.start - base - 20):m.start - base].lower()
        if (re.search(r"(?:du\scôté\sd[eu']|côté|chez|auprès\sd[eu'’])\s?(?:de\s)?(?:la\s|l['’]|le\s|des\s)?$", before)
                and re.search(r"(?i)\bon\s(?:\w+\s)?" + INVERTED_VERBS + r"|-t-on\b", text)):
            return _with_span(_classify(m.text, [m], context_org), m.start, m.end)
    # 1c. "…, a-t-il assuré", "assure-t-elle": an inverted pronoun speaks for the organisation in context
    inverted = _INVERTED_PRONOUN.search(text)
    if inverted and pronoun and not any(s <= base + inverted.start() < e for s, e in quoted):
        return pronoun
    # 1d. "L'opposition est formelle : « … »", "Le maire est catégorique :"
    m = _FORMAL.match(text)
    if m:
        s_, e_ = base + m.start(1), base + m.end(1)
        return _with_span(_classify(m.group(1), _orgs_between(orgs, s_, e_), context_org), s_, e_)
    # 2. subject (or inverted subject) of a reporting verb outside quotation marks
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in REPORTING_LEMMAS:
            continue
        if any(s <= token.idx < e for s, e in quoted):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if not subjects and any(t.text in "»\"”," for t in sent[: token.i - sent.start]):
            subjects = [c for c in token.children if c.dep_ in ("obj", "nsubj") and c.i > token.i]
        for subj in subjects:
            low = subj.lower_
            if low == "on":
                continue  # impersonal "on": the journalist, unless "chez X, on assure" (above)
            if low in ("il", "elle", "ils", "elles", "qui", "celle-ci", "celui-ci"):
                if low == "qui":
                    # ", qui assure que…": the organisation just before the relative pronoun
                    # also across an apposition: "Tentelia, un fabricant de matériel de camping, qui avait confirmé"
                    antecedent = [m for m in orgs if 0 <= subj.idx - m.end <= 3 or 0 < subj.idx - m.end <= 80
                                  and re.fullmatch(r",\s[^,;:«»]{2,70},\s", sent.doc.text[m.end:subj.idx])]
                    if antecedent:
                        return _with_span(_classify(antecedent[-1].text, antecedent[-1:], context_org),
                                          antecedent[-1].start, antecedent[-1].end)
                    continue
                return pronoun
            if low in ("nous", "je"):
                return Speaker("organization", context_org, subj.text) if context_org else None
            if subj.lemma_.lower() in _EVIDENCE_NOUNS and not _orgs_between(orgs, subj.idx, subj.idx + len(subj.text)):
                continue  # "les premières analyses n'ont mis en évidence…": evidence, not a speaker
            s, e = _subtree_span(subj)
            # "son prestataire, la société lyonnaise Emailink, a reconnu": the apposition names the speaker
            apposition = re.match(r",\s[^,;:«»]{0,60},", sent.doc.text[e:e + 70])
            if apposition and _orgs_between(orgs, e, e + apposition.end()):
                e += apposition.end() - 1
            return _with_span(_classify(sent.doc.text[s:e], _orgs_between(orgs, s, e), context_org), s, e)
    # 3. "selon X", "d'après X"
    m = _SELON.search(text)
    if m and not any(s <= base + m.start() < e for s, e in quoted):
        words = m.group(1)
        if m.group(0).lower().startswith("de source"):
            return _with_span(Speaker("press", None, m.group(0)), base + m.start(), base + m.end())
        apposition = re.match(r",\s([^,;:.«»]{2,60}),", text[m.end(1):])
        if apposition and _classify(words, [], None).kind == "other":
            words = f"{apposition.group(1)} {words}"  # "Pour Clément Roux, analyste chez …," -> the role speaks
        if words.strip().lower() in ("elle", "lui", "eux", "elles"):
            return Speaker("organization", context_org, words) if context_org else None
        if m.group(0).lower().startswith("pour") and _classify(words, [], None).kind in ("other", "organization"):
            return None  # "pour" names a speaker only before an expert, an authority, the press ...
        return _with_span(_classify(words, _orgs_between(orgs, base + m.start(1), base + m.end(1)), context_org),
                          base + m.start(1), base + m.end(1))
    # 4. "« … », assure l'établissement" when the parse missed it
    for m in _INVERTED.finditer(text):
        if any(s <= base + m.start() < e for s, e in quoted):
            continue
        words = m.group(1)
        found = _orgs_between(orgs, base + m.start(1), base + m.end(1))
        spk = _classify(words, found, context_org)
        if found or spk.kind != "other":
            return _with_span(spk, base + m.start(1), base + m.end(1))
    return None


def _with_span(speaker: Speaker, start: int, end: int) -> Speaker:
    return Speaker(speaker.kind, speaker.org, speaker.name, (start, end))


def _reporting_follows(sent: Span, offset: int) -> bool:
    """Is the first verb after ``offset`` (past an apposition between commas) a reporting verb?"""
    tokens = [t for t in sent if t.idx >= offset]
    i = 0
    if tokens and tokens[0].text in ",(":
        closing = "," if tokens[0].text == "," else ")"
        close = next((j for j in range(1, min(len(tokens), 30)) if tokens[j].text == closing), None)
        if close is None:
            return False
        i = close + 1
    for t in tokens[i:i + 8]:
        if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.lemma_ not in ("avoir", "être")):
            return t.lemma_.lower() in REPORTING_LEMMAS or bool(re.match(INVERTED_VERBS, t.lower_))
        if t.pos_ not in ("AUX", "ADV", "PART") and t.lower_ not in ("n'", "n’", "ne", "pas", "«", "»", "“", "”", '"'):
            return False
    return False
