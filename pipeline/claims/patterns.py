"""Named cue patterns for claims, composed under a versioned name.

Each ``pattern_*`` function returns one compiled regular expression and shows in its
docstring the kind of French press phrasing it covers. ``claim_rules.v1`` composes them;
the version travels with every stored claim so a re-extraction is traceable.

The patterns work on a sentence's text; the dependency parse (``extract.py``) decides who
speaks and what a negation governs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import spacy

RULE_VERSION = "claim_rules.v1"

_V = r"(?:[’']|\s)"  # apostrophe or space


def pattern_cyber_event() -> re.Pattern:
    """The sentence talks about an attack or a data leak.

    "victime d'une cyberattaque", "les données de 152 000 patients ont fuité",
    "un pirate a mis en vente les fichiers", "attaque par rançongiciel", "exfiltration".
    """
    return re.compile(
        r"(?i)cyber-?\s?attaqu|cyber-?\s?incident|cyber-?\s?criminel|piratage|pirat[ée]|pirater|\bpirates?\b(?!\s+(?:de\s+la\s+route|somalien))"
        r"|hack(?:er|eur|é|ing)|ran[çc]ongiciel|ransomware|\bran[çc]on\b|fuite[s]?\s(?:de|d['’]|massive|présumée|supposée|des\s+données)"
        r"|fuite\b(?=[^.]{0,60}donn[ée]es)|fuit[ée]e?s?\b|fuiter|data\s?leak|\bleak\b|exfiltr|intrusion|infiltr[ée]"
        r"|attaque\s(?:informatique|inform|par|de\stype|massive|d['’]ampleur|cyber)|attaque\s(?:contre|visant)"
        r"|compromission|compromis(?:es?)?\b|violation\sde\s(?:donn[ée]es|s[ée]curit[ée])|br[èe]che|faille\sde\ss[ée]curit[ée]"
        r"|vol\sde\sdonn[ée]es|donn[ée]es\s(?:vol[ée]es|d[ée]rob[ée]es|d[ée]tourn[ée]es|expos[ée]es|divulgu[ée]es|publi[ée]es|aspir[ée]es|siphonn[ée]es|mises?\sen\s(?:ligne|vente))"
        r"|dark\s?web|darknet|breachforums|forum\s(?:de\s)?(?:pirates|hackers|cybercriminels)|acc[èe]s\snon\sautoris[ée]"
        r"|mis(?:es)?\sen\s(?:ligne|vente)\s(?:sur|des\sdonn)|chiffr[ée]s?\spar|paralys[ée]|incident\sde\s(?:cyber)?s[ée]curit[ée]"
        r"|incident\sinformatique|dérob[ée]|siphonn|aspir[ée]|revendiqu"
    )


def pattern_event_anaphora() -> re.Pattern:
    """A sentence that goes on about the event named just before, without naming it again.

    "Ces fichiers proviennent de deux établissements", "Les données concernent des patients",
    "Cette fuite toucherait aussi la clinique", "L'attaque aurait visé".
    """
    return re.compile(r"(?i)^\W*(?:\w+\s*,\s*)?(?:ces|cette|ce|les|la|l['’]|le)\s(?:\w+\s)?(?:fichiers?|donn[ée]es|archives?|informations|documents"
                      r"|dossiers|fuite|attaque|piratage|incident|intrusion|lignes|base|pirates?|hackers?|auteurs?)\b"
                      r"|provenant\sd|proviendrai|proviennent|issues?\sd|concernerai|toucherai|viserai")


def pattern_figurative() -> re.Pattern:
    """Uses of cyber words that are not about an attack on an organisation.

    "un site pirate de streaming", "la défense a été piratée" (sport), "fuite d'eau",
    "la fuite des cerveaux", "des fuites dans la presse sur le mercato".
    """
    return re.compile(
        r"(?i)(?:site|sites|diffusion|streaming|iptv|cha[îi]nes?|boîtiers?|copies?|radio|t[ée]l[ée]chargement)s?\s+pirates?"
        r"|fuites?\s(?:d['’]eau|de\sgaz|d['’]huile|des\scerveaux|de\scapitaux|dans\sla\spresse|en\savant)"
        r"|bateau\spirate|pirates?\sdes\scara[ïi]bes|pirate\sde\sl['’]air|attaque\s(?:a[ée]rienne|au\scouteau|de\srequin)"
        r"|(?:d[ée]fense|but|match|score|r[ée]sultat|penalty)[^.]{0,40}pirat"
    )


def pattern_denial() -> re.Pattern:
    """The organisation was not breached, there is no evidence, the data are not from it.

    "n'a pas été piraté", "aucune donnée n'a été compromise", "aucune preuve de fuite",
    "ne provient pas de nos systèmes", "dément toute intrusion", "réfute avoir été visée".
    """
    breach = (r"(?:pirat|attaqu|compromis|touch[ée]|vis[ée]|victime|concern[ée]|impact[ée]|affect[ée]|infiltr"
              r"|d[ée]rob|vol[ée]|exfiltr|fuit|hack|p[ée]n[ée]tr|expos[ée]|acc[ée]d[ée]|consult[ée]|divulgu|vuln[ée]r)")
    return re.compile(
        r"(?i)(?:\bn['’]|\bne\s)(?:\w+\s){0,3}?(?:pas|jamais|aucunement|nullement|point)\b[^.;:!?«»]{0,60}?" + breach
        + r"|\b(?:pas|jamais)\s(?:été|eu|fait\sl['’]objet)\s(?:\w+\s)?" + breach
        + r"|\baucun(?:e)?\s(?:\w+\s){0,2}?(?:donn[ée]e|information|preuve|trace|[ée]l[ée]ment|indice|intrusion|fuite|exfiltration"
          r"|compromission|acc[èe]s|attaque|piratage|incident|signe|anomalie|activit[ée]\ssuspecte|fichier|dossier|syst[èe]me)"
        r"|\bpas\sde\s(?:fuite|piratage|cyberattaque|intrusion|trace|preuve|compromission|exfiltration|vol\sde\sdonn)"
        r"|\bne\s(?:provien|proviendrai|vien|sont\spas\sissu|seraient\spas\sissu)\w*\s(?:pas|aucunement|nullement)"
        r"|n['’](?:est|sont|seraient|serait)\s(?:pas|aucunement|nullement)\s(?:issu|à\sl['’]origine|li[ée]|en\scause|concern|impliqu)"
        r"|\b(?:d[ée]men[st]|d[ée]menti|d[ée]mentir|d[ée]mentent|r[ée]fut|conteste|contestent|contester|nie\b|nient\b|nier\b|infirm)"
        r"|rien\sne\s(?:permet|prouve|indique|montre|laisse)|hors\sde\scause|sans\s(?:lien|rapport)\savec|aucun\slien"
        r"|pas\sété\s(?:établi|prouv|confirm|d[ée]montr)|fausse\s(?:information|alerte|revendication)|infond[ée]"
    )


def pattern_no_comment() -> re.Pattern:
    """The organisation did not answer or has not confirmed yet: no stance from it.

    "n'a pas souhaité réagir", "n'a pas encore confirmé", "n'a pas répondu à nos sollicitations",
    "se refuse à tout commentaire", "ne pas être en mesure de confirmer".
    """
    return re.compile(
        r"(?i)n['’](?:a|ont|avait|avaient)\s(?:pas|jamais|toujours\spas)\s(?:encore\s|pour\sl['’]heure\s|immédiatement\s)?"
        r"(?:souhait|r[ée]pondu|r[ée]agi|comment|donn[ée]\ssuite|confirm|pu\s[eê]tre\sjoint|voulu|pr[ée]cis)"
        r"|refuse\s(?:à\stout|de\s)comment|pas\s(?:en\smesure|encore\sen\smesure)\sde\s(?:confirmer|dire|pr[ée]ciser)"
        r"|ni\sconfirm|sans\sconfirm|ne\s(?:confirme|commente)\spas|pas\sconfirm[ée]"
    )


def pattern_confirmation() -> re.Pattern:
    """The organisation acknowledges the attack or leak.

    "confirme avoir été victime d'une cyberattaque", "reconnaît une fuite de données",
    "a bien été victime", "nous avons été la cible", "admet que des données ont été dérobées".
    """
    return re.compile(
        r"(?i)\b(?:confirm|reconna[îi]|reconnu|admet|admis|avou)\w*"
        r"|a\sbien\s[ée]t[ée]|ont\sbien\s[ée]t[ée]|avons\s[ée]t[ée]\s(?:victimes?|la\scible|touch|vis[ée])"
        r"|nous\savons\s(?:d[ée]tect|constat|identifi|subi)|a\s(?:d[ée]tect[ée]|constat[ée]|identifi[ée]|subi)\s(?:une|un|des)"
        r"|(?:informe|pr[ée]vient|alerte)\s(?:ses|leurs|les)\s(?:patients|clients|usagers|adh[ée]rents|abonn[ée]s|assur[ée]s|agents|salari[ée]s)"
        r"|(?:annonce|indique|signale|d[ée]clare|pr[ée]cise)\s(?:avoir\s[ée]t[ée]|[eê]tre)\s(?:victime|la\scible|touch)"
    )


def pattern_investigating() -> re.Pattern:
    """The organisation neither confirms nor denies: it is checking.

    "des vérifications sont en cours", "mène des investigations", "analyse la situation".
    """
    return re.compile(r"(?i)v[ée]rifications?|investigations?|enqu[êe]te\sinterne|analyses?\s(?:en\scours|techniques)"
                      r"|cherche\s[àa]\sd[ée]terminer|[ée]valuer\sl['’]ampleur|prend\s(?:tr[èe]s\s)?au\ss[ée]rieux")


def pattern_hedge() -> re.Pattern:
    """The attribution is reported, not asserted.

    "aurait été piraté", "une fuite présumée", "selon les pirates", "revendiquée par".
    """
    return re.compile(r"(?i)\b(?:aurai(?:en)?t|seraient|serait|pourrai(?:en)?t)\b|pr[ée]sum[ée]|suppos[ée]|all[ée]gu[ée]"
                      r"|\bselon\b|d['’]apr[èe]s|revendiqu|pr[ée]tend|affirment\savoir|possible|potentiel|[ée]ventuel")


def pattern_attacker_claim() -> re.Pattern:
    """An attacker claims or shows the breach.

    "le groupe LockBit revendique l'attaque", "un hacker a mis en ligne les données",
    "les pirates affirment détenir", "mis en vente sur un forum".
    """
    return re.compile(r"(?i)revendiqu|mis(?:es)?\sen\s(?:vente|ligne)|met(?:tent)?\sen\s(?:vente|ligne)|a\spubli[ée]"
                      r"|affirm\w*\s(?:avoir|d[ée]tenir|poss[ée]der)|d[ée]tenir|menac\w*\sde\s(?:publier|divulguer)"
                      r"|propos\w*\s[àa]\sla\svente|diffus[ée]")


def pattern_quote_continuation() -> re.Pattern:
    """A sentence that continues the previous speaker's words.

    "Qui complète : « … »", "Et d'ajouter : …", "Il précise que …", "« … », poursuit-elle".
    """
    return re.compile(r"(?i)^\s*(?:[«\"“]|qui\s(?:compl[èe]te|ajoute|pr[ée]cise|poursuit)|et\sd['’](?:ajouter|insister)"
                      r"|(?:il|elle|ils|elles)\s(?:ajoute|pr[ée]cise|poursui|compl[èe]te|insiste|explique|assure|affirme|indique|d[ée]ment|reconna)"
                      r"|[^«»]{0,3}»)|(?:poursuit|ajoute|pr[ée]cise|compl[èe]te)-(?:il|elle|t-il|t-elle)")


@dataclass(frozen=True)
class ClaimRules:
    """The compiled cue patterns of one rule version."""

    version: str
    cyber: re.Pattern
    figurative: re.Pattern
    event_anaphora: re.Pattern
    denial: re.Pattern
    no_comment: re.Pattern
    confirmation: re.Pattern
    investigating: re.Pattern
    hedge: re.Pattern
    attacker_claim: re.Pattern
    continuation: re.Pattern


@spacy.registry.misc(RULE_VERSION)
def claim_rules_v1() -> ClaimRules:
    return ClaimRules(
        version=RULE_VERSION,
        cyber=pattern_cyber_event(),
        figurative=pattern_figurative(),
        event_anaphora=pattern_event_anaphora(),
        denial=pattern_denial(),
        no_comment=pattern_no_comment(),
        confirmation=pattern_confirmation(),
        investigating=pattern_investigating(),
        hedge=pattern_hedge(),
        attacker_claim=pattern_attacker_claim(),
        continuation=pattern_quote_continuation(),
    )


# Who speaks: lemmas of reporting verbs, and words that name a kind of speaker.
REPORTING_LEMMAS = {
    "affirmer", "assurer", "indiquer", "déclarer", "préciser", "expliquer", "confirmer", "reconnaître",
    "admettre", "démentir", "réfuter", "contester", "nier", "annoncer", "révéler", "souligner", "ajouter",
    "estimer", "revendiquer", "signaler", "communiquer", "écrire", "détailler", "rapporter", "avancer",
    "insister", "rappeler", "répondre", "réagir", "informer", "prévenir", "alerter", "compléter", "poursuivre",
    "martèle", "marteler", "certifier", "garantir", "soutenir", "avertir", "constater", "observer", "noter",
    "relever", "dire", "clarifier", "démentir", "infirmer", "réfuter", "publier", "mettre", "pointer",
    "évoquer", "mentionner", "prétendre", "juger", "considérer", "craindre", "déplorer", "regretter",
    "reconnaitre", "temporiser", "tempérer", "nuancer", "relativiser", "trancher", "conclure",
}
SPEAKER_WORDS = {
    "organization": re.compile(r"(?i)\b(?:direction|porte-parole|directeur|directrice|pdg|président|présidente|dirigeant"
                               r"|responsable|dsi|rssi|communiqué|service\sde\scommunication|service\scommunication"
                               r"|représentant|représentante|administrat(?:eur|rice)|maire|nous|notre|nos|établissement"
                               r"|entreprise|société|groupe|plateforme|hôpital|clinique|opérateur|mutuelle)\b"),
    "authority": re.compile(r"(?i)\b(?:cnil|anssi|cert-fr|parquet|procureure?|police|policiers|gendarme|gendarmerie|enquêteurs?"
                            r"|minist[èe]re|ministre|préfet|préfecture|gouvernement|tribunal|juge|cybermalveillance|ofac"
                            r"|autorités?|régulateur|arcom|agence\srégionale\sde\ssanté|ars|secrétaire\sd['’]état)\b"),
    "attacker": re.compile(r"(?i)\b(?:hackers?|hackeurs?|pirates?|cybercriminels?|attaquants?|assaillants?|rançonneurs?"
                           r"|auteurs?\sde\sl['’]attaque|auteurs?\sde\sla\sfuite|vendeur|gang|groupe\sde\shackers"
                           r"|groupe\sde\spirates|groupe\scybercriminel|collectif)\b"),
    "expert": re.compile(r"(?i)\b(?:experts?|chercheurs?|chercheuses?|spécialistes?|consultants?|analystes?|lanceur\sd['’]alerte"
                         r"|société\sde\scybersécurité|entreprise\sde\scybersécurité|éditeur\sde\ssécurité|ingénieur"
                         r"|professeur|universitaire|observateurs?)\b"),
    "press": re.compile(r"(?i)\b(?:médias?|journal|journaux|quotidien|hebdomadaire|presse|confrères?|rédaction|magazine"
                        r"|site\sd['’]information|site\sspécialisé|reportage|afp|reuters|zataz)\b"),
}
INVERTED_VERBS = (
    r"(?:assur|affirm|indiqu|expliqu|précis|pr[ée]cis|soulign|ajout|confirm|admi|admet|d[ée]clar|estim|poursui"
    r"|compl[èe]t|insist|rappel|r[ée]pond|d[ée]taill|avanc|mart[èe]l|nuanc|temp[èe]r|relativis|pr[ée]vien|signal|not|observ"
    r"|r[ée]sum|conclu|comment|r[ée]ag|[ée]cri|annonc|certifi|garanti|souti|regrett|d[ée]plor|r[ée]fut|contest|ni|tranch"
    r"|gliss|confi|l[âa]ch|d[ée]men|reconna[îi]|reconnu|revendiqu|avert|fait\ssavoir|r[ée]v[ée]l|communiqu|dit|d[ée]clar)"
    r"(?:e|é|ée|ent|it|ait|ons|ez|t|u|s)?"
)
ATTRIBUTION_EXCLUDED_ROLES = {"authority", "attacker", "forum", "security_firm", "media"}
