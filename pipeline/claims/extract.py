"""Doc -> claims: organisation x stance x speaker, with the evidence sentence.

A sentence may carry two voices: its main speaker (who the sentence quotes or reports, else
the journalist) and an attacker whose claim it relays ("contrairement à ce qu'affirme un
pirate", "revendiquée par LockBit"). For each sentence about a cyber incident:

1. the main speaker: subject of a reporting verb (dependency parse, quotations excluded),
   an organisation opening the sentence before a reporting verb, "selon X", an inverted
   "», assure X", a continued quotation, else the journalist (``press``);
2. stance per clause (split at ";", "mais", ", précisant que" ...): a negated breach or a
   denial verb is a ``denial`` (unless the negation only covers a kind of data); an
   organisation speaking about itself otherwise ``confirm``s; anyone else ``attribut``es;
3. an organisation that speaks is the target of its own words; others named in its
   sentence are left to the other voices (a group denying for its hospital does not
   thereby deny for the hospital: divergence counts group denials separately).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..nlp.orgs import Registry
from ..records import Claim, DateMention, OrgMention, VictimCount
from .patterns import ATTRIBUTION_EXCLUDED_ROLES, ClaimRules
from .speakers import Speaker, find_speaker

__all__ = ["extract_claims", "is_cyber_document", "victim_counts_in_context"]

_CLAUSE_SPLIT = re.compile(
    r"\s*;\s*|,?\s+(?:mais|tandis\squ['’]|tandis\sque|alors\squ['’]|alors\sque|en\srevanche|cependant|toutefois|"
    r"n[ée]anmoins)\s+|,\s(?:pr[ée]cisant|ajoutant|assurant|soulignant|affirmant|indiquant|expliquant)\sque\s"
    r"|,\scontrairement\s[àa]\s|,\s(?=ce\squ['’e])|,\stout\sen\s(?=admettant|reconnaissant|pr[ée]cisant|concédant|assurant)|,?\s+et\s+(?=aucun|rien\b|(?:\w+\s){0,4}n['’]|(?:\w+\s){0,4}ne\s)")
_PRONOUN_START = re.compile(r"(?i)^\W*(?:(?:(?:dans|lors|par|au|après|avant|depuis|mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche|hier)\b[^,«»]{0,80}"
                            r"|de\sson\scôté|pour\sa\spart|contacté[e]?s?|interrogé[e]?s?|sollicité[e]?s?"
                            r"|selon\selle|selon\slui|pour\selle|pour\slui)\s*,?\s*)?(?:il|elle|ils|elles|celle-ci|celui-ci|celles-ci|ceux-ci)\b")
_POSSESSIVE = re.compile(r"(?i)\b(?:ses|son|sa|leurs?)\s(?:propres\s)?(?:syst[èe]mes?|serveurs?|donn[ée]es|infrastructures?"
                         r"|r[ée]seaux?|outils|services|bases?|clients|patients|usagers|abonn[ée]s|adh[ée]rents)")
# unions, consumer and parents' associations: voices in a story, its subject only when named as the victim
_VOICE_ORG = re.compile(r"^(?:CGT|CFDT|FO|CFE-CGC|CFTC|UNSA|Unsa|SUD|Solidaires|FSU|Snes|Snesup|SNU|Sgen|UNEF|Unef|FCPE|CLCV"
                        r"|UFC-Que Choisir|Force ouvrière)\b|\b(?:[Ss]yndicat|[Uu]nion\slocale|[Ii]ntersyndicale)\b")
# an older incident recalled as known fact: a year up front and the pluperfect
_BACKGROUND = re.compile(r"(?i)^\W*(?:en|d[èe]s|fin|d[ée]but|courant|mi-)\s?(?:\w+\s)?(?:19|20)\d\d\b[^.]{0,120}\b(?:avait|avaient)\s")
_FIRST_PERSON = re.compile(r"(?i)\b(?:nous|nos|notre)\b")
# the organisation speaking in the first person ("nos adhérents", "nous avons déposé plainte"), not the newsroom
_ORG_FIRST_PERSON = re.compile(
    r"(?i)\b(?:nos|notre)\s(?:\w+\s)?(?:adh[ée]rents|clients|patients|usagers|abonn[ée]s|assur[ée]s|[ée]tudiants|agents|salari[ée]s|collaborateurs"
    r"|syst[èe]mes|serveurs|infrastructures?|r[ée]seaux?|donn[ée]es|bases?|[ée]quipes|services|[ée]tablissements?|sites|outils|applications?|plateformes?|locataires)\b"
    r"|\bnous\savons\s(?:imm[ée]diatement\s|aussit[ôo]t\s|rapidement\s)?(?:[ée]t[ée]|subi|d[ée]tect|identifi|constat|notifi|d[ée]pos|pris|isol|coup|inform|pr[ée]venu|saisi|engag|mobilis)")
_PRESS_FIRST_PERSON = re.compile(r"(?i)\bnos\s(?:informations|confr[èe]res|lecteurs|sources|colonnes|v[ée]rifications|soins|questions)\b"
                                 r"|\bnotre\s(?:r[ée]daction|journal|enqu[êe]te|antenne|consœur|confr[èe]re|correspondant)\b|\bnous\savons\spu\s|\bnous\sa\s")
# an answer in an interview printed as dialogue: "— C'est faux, nous avons vérifié …" (not the question)
_ANSWER = re.compile(r"^\s*[—–]\s(?![^\n]*\?\s*$)")
_ATTACKER_SUBJECT = re.compile(
    r"(?i)\b(?:hackers?|hackeurs?|pirates?|cybercriminels?|attaquants?|vendeur|gang|groupe\s(?:de\s)?(?:hackers|pirates|cybercriminel\w*|ran[çc]ongiciel)"
    r"|auteurs?\sde\s(?:l['’]attaque|la\sfuite)|(?:son|leur|l['’])\s?auteur|op[ée]rateurs?\s(?:du|d['’]un)\s(?:rançongiciel|ransomware|groupe|gang))\b")
_ATTACKER_SAYS = re.compile(
    r"(?i)(?:affirm|assur|pr[ée]tend|revendiqu|dit|disent|annonc|menac)\w*\s(?:\w+\s){0,2}?(?:un|une|le|la|les|des|l['’]|son|leur)\s?"
    r"(?:hackers?|pirates?|cybercriminels?|attaquants?|vendeur|auteur|groupe)"
    r"|(?:hackers?|pirates?|cybercriminels?|attaquants?|vendeur|auteur)\s(?:\w+\s){0,3}?(?:affirm|assur|pr[ée]tend|revendiqu|dit|disent|annonc|menac)")
_THE_ATTACK = re.compile(r"(?i)\b(?:l['’](?:attaque|intrusion|incident)|la\scyberattaque|le\spiratage)\b")
_LEAK_VENUE = re.compile(r"(?i)\b(?:forum|dark\s?web|darknet|telegram|breachforums|site\sde\s(?:fuites?|revendications?)|site\sd['’]extorsion"
                         r"|site\svitrine|blog\sde\s(?:fuites|revendication)|place\sde\smarch[ée])")
_DEFINITE_EVENT = re.compile(r"(?i)\b(?:l['’](?:attaque|intrusion|incident|archive|[ée]chantillon)|la\s(?:fuite|cyberattaque|revendication|base)"
                             r"|le\s(?:piratage|vol|fichier)|(?:cette|cet|ce|ces)\s(?:\w+\s)?(?:attaque|cyberattaque|fuite|intrusion|piratage"
                             r"|incident|vol|fichiers?|donn[ée]es|archives?|[ée]chantillons?)"
                             r"|les\s(?:donn[ée]es|fichiers|informations|dossiers)\s(?:\w+\s){0,2}?(?:vol|d[ée]rob|pirat|compromis|exfiltr|publi"
                             r"|mises|en\squestion|concern|subtilis|aspir|siphonn|diffus|fuit|d[ée]voil|expos|en\svente|en\scirculation))\b")
# Background, trends and advice ("les cyberattaques contre les hôpitaux se multiplient", "les établissements
# doivent renforcer leur sécurité") name no victim: they never fall back on the story's organisation.
_GENERIC = re.compile(
    r"(?i)\b(?:se\smultipli\w*|de\splus\sen\splus|chaque\sann[ée]e|en\sg[ée]n[ée]ral|g[ée]n[ée]ralement|souvent|r[ée]guli[èe]rement"
    r"|doi(?:t|vent)|devraient|devrait|il\sfaut|il\sconvient|pour\s[ée]viter|afin\sd['’][ée]viter|illustre(?:nt)?|rappelle(?:nt)?"
    r"|t[ée]moigne(?:nt)?\sde|impose(?:nt)?\s[àa]|dispose(?:nt)?\sde\s\d+\sheures"
    r"|(?:les|des|de|aux)\s(?:petites\s|grandes\s|autres\s|nombreuses\s)?(?:cyber-?attaques|attaques(?:\sinformatiques)?|fuites(?:\sde\sdonn[ée]es)?|intrusions|piratages|rançongiciels|hôpitaux"
    r"|[ée]tablissements(?:\sde\ssant[ée])?|entreprises|collectivit[ée]s|structures|organisations|mutuelles|compl[ée]mentaires"
    r"|banques|communes|mairies|universit[ée]s|cliniques|PME)\b(?!\s(?:concern|touch|vis))"
    r"|ce\stype\sd|de\stel(?:le)?s?\s|ces\sderni[èe]res\sann[ée]es|ne\ssont\spas\s[àa]\sl['’]abri)")


_ONGOING = re.compile(r"(?i)\b(?:circul|en\svente|est\s(?:victime|la\scible|en\spanne|paralys)|sont\s(?:expos|en\s(?:vente|ligne))|reste\s|restent\s)")


def _names_the_event(sent: Span, clause: str, start: int | None = None, end: int | None = None) -> bool:
    """A clause naming no organisation may still be about the story's event, but only if it
    reports one: a verb in a past tense or the conditional ("a été piratée", "aurait fuité",
    "avait chiffré"), or an ongoing state ("circule", "est en vente"). Present-tense background
    ("les pirates copient d'abord les données"), advice and intertitles are not about it."""
    if _GENERIC.search(clause):
        return False
    start = sent.start_char if start is None else start
    end = sent.end_char if end is None else end
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and start <= t.idx < end]
    if not verbs:
        return False
    return bool(_ONGOING.search(clause)) or any(_reports(t) for t in verbs)


def _reports(verb) -> bool:
    """A finite verb in a past tense, the future or the conditional, or a participle with its
    auxiliary or its agent ("a été piratée", "l'attaque, revendiquée par Qilin"); a participle
    used as an adjective ("les risques liés") is not."""
    tense, mood = verb.morph.get("Tense"), verb.morph.get("Mood")
    if "Part" in verb.morph.get("VerbForm"):
        return "Past" in tense and any(c.dep_.startswith("aux") or c.dep_ == "obl:agent" for c in verb.children)
    return bool({"Past", "Imp", "Fut"} & set(tense)) or "Cnd" in mood
_REVENDIQUE_PAR = re.compile(r"(?i)revendiqu\w*\s(?:\w+\s){0,3}?par\b")


_ADVICE = re.compile(r"(?i)(?:^|:\s|\bde\s|\bd['’])ne\s(?:pas|jamais|plus)\s(?!avoir\b|[êe]tre\b)\w+(?:er|ir|re)\b[^.;]*")
_UNCERTAIN = re.compile(r"(?i)\bne\s(?:permet|permettent)\s(?:pas\s)?(?:encore\s|pour\sl['’]instant\s)?de\s(?:savoir|dire|d[ée]terminer)\b"
                        r"|\bne\ssai[st]\s(?:\w+\s)?(?:pas|toujours\spas|pas\sencore|pas\sà\sce\sstade)\ssi\b|\breste\s[àa]\s(?:d[ée]terminer|[ée]tablir)|impossible\sde\s(?:savoir|dire)")
_NOT_EXCLUDED = re.compile(r"(?i)n['’](?:exclu|[ée]cart)\w*\s(?:pas|plus|encore)|ne\s(?:\w+\s)?(?:peu[tx]|pouvons|pouvait)\s(?:pas\s)?(?:exclure|[ée]carter)"
                           r"|pas\sexclu|sans\sexclure")


def _clauses(sent: Span) -> list[tuple[int, int]]:
    """Character spans of the clauses of a sentence."""
    spans, start = [], 0
    for m in _CLAUSE_SPLIT.finditer(sent.text):
        spans.append((sent.start_char + start, sent.start_char + m.start()))
        start = m.end()
    spans.append((sent.start_char + start, sent.end_char))
    return [(s, e) for s, e in spans if e > s]


def _first(items, start: int, end: int):
    return next((item for item in items if start <= item.start < end), None)


_RUMOUR = re.compile(r"(?i)\brumeurs?\s(?:d['’]une?\s|de\s)(?:\w+\s)?(?:piratage|cyberattaque|fuite|intrusion|hack)\w*(?:\s(?:de|du|d['’]|visant)[^,.;]{0,60})?")


def _literal(text: str, rules: ClaimRules) -> str:
    """The text less figurative uses of cue words, and less rumours only mentioned (not denied)."""
    cleaned = rules.figurative.sub(" ", text)
    return cleaned if rules.denial.search(cleaned) else _RUMOUR.sub(" ", cleaned)


def _is_cyber(text: str, rules: ClaimRules) -> bool:
    """Strong cue, or weak cue next to a computing word, outside figurative uses and rumours only mentioned."""
    cleaned = _literal(text, rules)
    return bool(rules.strong.search(cleaned) or (rules.weak.search(cleaned) and rules.it_context.search(cleaned)))


def is_cyber_document(texts: list[str], rules: ClaimRules) -> bool:
    """A text about an attack or a leak: one strong cue, or weak cues of two different kinds
    ("une fuite … une intrusion"); "attaque" alone never counts, sport and politics use it too."""
    if any(_is_cyber(t, rules) for t in texts):
        return True
    kinds = {m.group(0).lower()[:5] for t in texts for m in rules.weak.finditer(_literal(t, rules))
             if not m.group(0).lower().strip().startswith(("attaq", "victim", "publi"))}
    return len(kinds) >= 2


# A count of people belongs to the breach when its sentence speaks of the attack or of who is affected.
_AFFECTED = re.compile(r"(?i)\bconcern|\btouch[ée]|\baffect[ée]|\bimpact[ée]|\bexpos[ée]|\bvis[ée]e?s\b|\bvictimes?\b|\brançon"
                       r"|\bdonn[ée]es\b|\bfichiers?\b|\bbases?\b|\binformations\b|\bidentifiants\b|\bconsult[ée]|\binform[ée]e?s\b|\bpr[ée]venu"
                       r"|\bnotifi|\bcontien|\bfigur|\bcoordonn[ée]es|\bregroup|\bd[ée]ten|\bvendeur|\bpirates?\b|\bhackers?\b")


def victim_counts_in_context(sents: list[Span], counts: list[VictimCount], rules: ClaimRules) -> list[VictimCount]:
    """The counts whose sentence is about the breach: in a long article the hospital's 2,100 staff
    or the town's 30,000 inhabitants are not victims, the "85 000 patients concernés" are."""
    keep = []
    for count in counts:
        sent = next((s for s in sents if s.start_char <= count.start < s.end_char), None)
        text = sent.text if sent is not None else ""
        if _is_cyber(text, rules) or rules.weak.search(_literal(text, rules)) or _AFFECTED.search(text):
            keep.append(count)
    return keep


def _is_denial(clause: str, rules: ClaimRules, speaker_kind: str = "organization") -> bool:
    """A denial; "no evidence" counts only when someone else than the journalist says it."""
    # quotation marks inside the statement do not break it: "n'avaient « à aucun moment été compromis »"
    clause = re.sub(r"\s*[«»“”]\s*", " ", clause)
    doubt = rules.denial_doubt.search(clause)
    about_breach = bool(doubt and rules.weak.search(clause[doubt.start():]))  # "rien n'indique que l'enseigne ait été piratée"
    if not rules.denial.search(clause) and not (doubt and (speaker_kind != "press" or about_breach)):
        return False
    if _NOT_EXCLUDED.search(clause) or _UNCERTAIN.search(clause):
        return False  # "n'exclut pas une fuite", "on ne sait pas encore si": the opposite of a denial
    if _ADVICE.search(clause) and not rules.denial.search(_ADVICE.sub(" ", clause)):
        return False  # "ne jamais présenter une fuite comme avérée": advice, not a statement
    return not (rules.partial_scope.search(clause) and not rules.total_denial.search(clause))


def _attacker_voice(text: str, rules: ClaimRules, sent_orgs: list[OrgMention]) -> bool:
    """The sentence relays an attacker's claim ("dont des pirates affirment vendre", "revendiquée par")."""
    if _REVENDIQUE_PAR.search(text):
        return True
    has_attacker = bool(_ATTACKER_SUBJECT.search(text)) or any(m.kind == "attacker" for m in sent_orgs)
    if has_attacker and rules.attacker_claim.search(text):
        return True
    # "un fichier présenté comme sa base clients, apparu sur un forum", "mis en vente": the seller's claim
    return bool(re.search(r"(?i)mis(?:es?)?\sen\svente|en\svente\ssur|propos[ée]e?s?\s[àa]\sla\svente", text)) or bool(
        _LEAK_VENUE.search(text) and re.search(r"(?i)pr[ée]sent[ée]e?s?\s(?:\w+\s){0,2}?comme|attribu[ée]e?s?\s[àa]", text))


@dataclass
class _State:
    prev_speaker: Speaker | None = None
    last_victim: str | None = None
    seen: dict = field(default_factory=dict)  # victim -> mentions so far


def extract_claims(doc: Doc, orgs: list[OrgMention], counts: list[VictimCount], dates: list[DateMention],
                   rules: ClaimRules, registry: Registry, feed_kind: str = "press") -> list[Claim]:
    """All claims of a document, in text order."""
    sents = list(doc.sents)
    cyber = [_is_cyber(s.text, rules) for s in sents]
    if not is_cyber_document([s.text for s in sents], rules):
        return []
    # in a text about an attack, a weak cue is enough ("l'intrusion", "les fichiers aspirés")
    cyber = [c or bool(rules.weak.search(_literal(s.text, rules))) for c, s in zip(cyber, sents)]
    victims_all = [m for m in orgs if m.kind not in ATTRIBUTION_EXCLUDED_ROLES]
    claims: list[Claim] = []
    state = _State()
    for i, sent in enumerate(sents):
        text = sent.text
        sent_orgs = [m for m in orgs if sent.start_char <= m.start < sent.end_char]
        victims = [m for m in sent_orgs if m.kind not in ATTRIBUTION_EXCLUDED_ROLES]
        reaction = bool(rules.denial.search(text) or rules.denial_doubt.search(text) or rules.confirmation.search(text))
        follows = any(cyber[:i])  # a reaction may come paragraphs after the attack is named
        relevant = cyber[i] or (follows and (reaction or bool(rules.event_anaphora.search(text))))
        ahead = next((m.canonical for m in victims_all if m.start >= sent.start_char), None)
        context_org = victims[0].canonical if victims else (state.last_victim or ahead)
        speaker = _main_speaker(sent, sent_orgs, context_org, state, rules, reaction, feed_kind)
        if victims:
            for v in (v for v in victims if not _VOICE_ORG.search(v.canonical)):
                state.seen[v.canonical] = state.seen.get(v.canonical, 0) + 1
            # the story's organisation: the one named most so far, unless this sentence named only others
            # ("des patients sont orientés vers le CH de Perpignan" does not change whose attack it is)
            if state.seen:
                last = next((v.canonical for v in reversed(victims) if v.canonical in state.seen), None)
                top = max(state.seen, key=lambda k: (state.seen[k], k == last))
                state.last_victim = last if last and state.seen[last] >= state.seen[top] else top
        if speaker.kind != "press" or rules.continuation.search(text):
            state.prev_speaker = speaker
        if not relevant:
            continue
        evidence = dict(sentence=text.rstrip(), start=sent.start_char, end=sent.start_char + len(text.rstrip()),
                        victim_count=_first(counts, sent.start_char, sent.end_char),
                        event_date=_event_date(dates, sent.start_char, sent.end_char), rule_version=rules.version)
        found = _main_voice_claims(doc, sent, victims, speaker, state, rules, registry, context_org)
        if _attacker_voice(text, rules, sent_orgs) and speaker.kind != "attacker" and not _BACKGROUND.search(text):
            owners = [v.canonical for v in victims if _DATA_OWNER_BEFORE.search(doc.text[max(sent.start_char, v.start - 60):v.start])]
            targets = owners or [v.canonical for v in victims if v.canonical != speaker.org] or (
                [speaker.org] if speaker.org else ([context_org] if context_org and not victims
                                                   and _names_the_event(sent, text) else []))
            found += [(t, "attribution", Speaker("attacker")) for t in dict.fromkeys(targets)]
        for org, stance, spk in found:
            hedged = stance == "attribution" and bool(rules.hedge.search(text))
            claims.append(Claim(org=org, stance=stance, speaker=spk.kind, speaker_name=spk.name or (spk.org or ""),
                                cue=f"{stance}.{spk.kind}{'.hedged' if hedged else ''}", hedged=hedged, **evidence))
    return _dedupe([c for c in claims if not _VOICE_ORG.search(c.org) or _attacked(c.org, c.sentence)])


def _attacked(org: str, sentence: str) -> bool:
    """The sentence says that ``org`` itself was attacked ("la CGT a été victime d'un piratage")."""
    name = re.escape(org)
    return bool(re.search(rf"(?i){name}[^.;]{{0,60}}?(?:a|ont|aurait|avait)\s(?:\w+\s)?[ée]t[ée]\s(?:victime|pirat|vis|touch|attaqu|la\scible)"
                          rf"|(?:piratage|attaque|cyberattaque|intrusion|fuite)\s(?:\w+\s)?(?:du|de\sla|de\sl['’]|contre\sla|contre\sle|contre\sl['’]|visant\sla|visant\sle)\s?{name}",
                          sentence))


def _main_speaker(sent: Span, sent_orgs: list[OrgMention], context_org: str | None, state: _State,
                  rules: ClaimRules, reaction: bool, feed_kind: str) -> Speaker:
    text = sent.text
    speaker = find_speaker(sent, sent_orgs, context_org, state.prev_speaker)
    if (speaker is not None and speaker.kind == "organization" and re.fullmatch(r"(?i)(?:le|ce)\sgroupe", speaker.name.strip())
            and re.search(r"(?i)revendiqu\w*\s(?:\w+\s){0,4}?(?:l['’]attaque|la\scyberattaque|le\spiratage|la\sfuite|le\svol|l['’]intrusion)", text)):
        speaker = Speaker("attacker", None, speaker.name, speaker.span)  # "le groupe avait revendiqué l'attaque contre X": the gang
    if speaker is None and rules.continuation.search(text) and state.prev_speaker is not None:
        speaker = state.prev_speaker
    if speaker is None and reaction and state.last_victim and _PRONOUN_START.search(text):
        speaker = Speaker("organization", state.last_victim, "")
    if speaker is None and context_org and _ORG_FIRST_PERSON.search(text) and not _PRESS_FIRST_PERSON.search(text):
        speaker = Speaker("organization", context_org, "")  # "nous avons notifié la CNIL", "les données de nos adhérents"
    if speaker is None and context_org and _ANSWER.match(text) and _FIRST_PERSON.search(text):
        speaker = Speaker("organization", context_org, "")  # "— Nous avons vérifié…": the interviewee answers
    if speaker is None and (_REVENDIQUE_PAR.search(text) or any(
            t.dep_.startswith("nsubj") and _ATTACKER_SUBJECT.search(sent.doc[t.left_edge.i:t.right_edge.i + 1].text)
            for t in sent)) and rules.attacker_claim.search(text):
        speaker = Speaker("attacker")
    if speaker is None:
        speaker = Speaker({"official": "organization", "leak_tracker": "attacker"}.get(feed_kind, "press"),
                          context_org if feed_kind == "official" else None)
    return speaker


def _main_voice_claims(doc: Doc, sent: Span, victims: list[OrgMention], speaker: Speaker, state: _State,
                       rules: ClaimRules, registry: Registry, context_org: str | None) -> list[tuple[str, str, Speaker]]:
    """(org, stance, speaker) of the sentence's main voice, clause by clause."""
    out: list[tuple[str, str, Speaker]] = []
    text = sent.text
    if speaker.span:
        victims = [v for v in victims if not speaker.span[0] <= v.start < speaker.span[1]]
    clauses = _clauses(sent)
    main = speaker
    for index, (c_start, c_end) in enumerate(clauses):
        clause = doc.text[c_start:c_end]
        speaker = main
        if index:  # "…, alors que le chercheur X affirme …": a later clause may have its own speaker
            span = doc.char_span(c_start, c_end, alignment_mode="expand")
            clause_orgs = [m for m in (doc._.orgs or []) if c_start <= m.start < c_end]
            own = find_speaker(span, clause_orgs, context_org) if span else None
            # "…, ce que l'établissement a contesté": the organisation answers in its own clause
            answers = bool(re.match(r"(?i)ce\squ['’e]", clause))
            if own is not None and (own.kind != "organization" or answers) and own.span and c_start <= own.span[0] < c_end:
                speaker = own
        self_speaking = speaker.kind == "organization" and speaker.org is not None
        in_clause = [v.canonical for v in victims if c_start <= v.start < c_end]
        denial = _is_denial(clause, rules, speaker.kind)
        no_comment = bool(rules.no_comment.search(clause)) and not denial
        positive = _is_cyber(clause, rules) or bool(rules.weak.search(clause))
        if self_speaking:
            others = [o for o in in_clause if o not in registry.family(speaker.org)]
            if denial:
                out.append((speaker.org, "denial", speaker))
            elif no_comment:
                if positive and _is_cyber(clause, rules):
                    out.append((speaker.org, "attribution", Speaker("press")))  # "X, dont les données seraient en vente, n'a pas répondu"
                continue
            elif rules.investigating.search(clause):
                continue
            elif others and positive and not rules.confirmation.search(clause):
                out += [(o, "attribution", Speaker("other", None, speaker.name)) for o in others]
            elif _ATTACKER_SAYS.search(clause):
                continue  # "contrairement à ce qu'affirme un pirate": the attacker's voice, handled apart
            elif rules.confirmation.search(clause) and (positive or _is_cyber(text, rules)) or positive and (
                    _FIRST_PERSON.search(clause) or speaker.org in in_clause
                    or (not in_clause and _is_cyber(clause, rules) and _THE_ATTACK.search(clause))):
                out.append((speaker.org, "confirmation", speaker))
            continue
        owners = [v.canonical for v in victims if c_start <= v.start < c_end and _DATA_OWNER_BEFORE.search(
            doc.text[max(c_start, v.start - 60):v.start])]
        targets = owners or in_clause  # "des données de patients de X": X is the one concerned
        if not targets and (len(clauses) == 1 or _PRONOUN_START.search(clause) or _POSSESSIVE.search(clause)):
            targets = [v.canonical for v in victims] or (
                [state.last_victim] if state.last_victim and _names_the_event(sent, clause, c_start, c_end) and (
                    _POSSESSIVE.search(clause) or _PRONOUN_START.search(clause) or _DEFINITE_EVENT.search(clause)
                    or (not victims and rules.strong.search(clause)) or (denial and speaker.kind != "press")) else [])
        for org in dict.fromkeys(targets):
            if not denial and _presupposed(doc, sent, victims, org):
                out.append((org, "attribution", Speaker("press")))  # "Un an après le piratage de X, …"
                continue
            if denial:
                out.append((org, "denial", speaker))
            elif positive and not no_comment:
                out.append((org, "attribution", speaker))
            elif positive and no_comment and speaker.kind != "organization":
                out.append((org, "attribution", speaker))
    return out


_DATA_OWNER_BEFORE = re.compile(
    r"(?i)(?:donn[ée]es|clients|abonn[ée]s|patients|usagers|utilisateurs|adh[ée]rents|comptes|salari[ée]s|assur[ée]s|fichiers?"
    r"|serveurs|syst[èe]mes?(?:\sd['’]information)?|dossiers)(?:\s[a-zéèêàç\-]+){0,2}?\s(?:de|du|d['’]|de\sl['’]|de\sla|chez)\s?$")
_ADJUNCT_EVENT = re.compile(
    r"(?i)(?:apr[èe]s|depuis|suite\s[àa]|[àa]\sla\ssuite\sd[eu']|lors\sd[eu']|avant|malgr[ée]|face\s[àa])\s?(?:l['’]|la\s|le\s|les\s|un\s|une\s)"
    r"(?:cyberattaque|attaque|piratage|fuite|intrusion|vol\sde\sdonn[ée]es|compromission|incident)s?\b[^,;.]{0,60}$")


def _presupposed(doc: Doc, sent: Span, victims: list[OrgMention], org: str) -> bool:
    """The attack on ``org`` is stated as known background in a fronted adjunct: the journalist's voice."""
    for v in victims:
        if v.canonical == org:
            return bool(_ADJUNCT_EVENT.search(doc.text[max(sent.start_char, v.start - 90):v.start]))
    return False


def _event_date(dates: list[DateMention], start: int, end: int) -> str | None:
    return next((d.value for d in dates if start <= d.start < end and d.precision in ("day", "month")), None)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        key = (c.org, c.stance, c.speaker, c.start)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
