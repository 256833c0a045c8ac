"""Named cue patterns for claims, composed under a versioned name.

Each ``pattern_*`` function returns one compiled regular expression and shows in its
docstring the kind of French press phrasing it covers. ``claim_rules.v2`` composes them;
the version travels with every stored claim so a re-extraction is traceable.

The patterns work on a sentence's text; the dependency parse (``extract.py``) decides who
speaks and what a negation governs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import spacy

RULE_VERSION = "claim_rules.v2"  # v2: full-length articles (event reports, counts in context, names defined once)

_V = r"(?:[’']|\s)"  # apostrophe or space


def pattern_cyber_strong() -> re.Pattern:
    """Words that by themselves say an attack or a data leak happened.

    "victime d'une cyberattaque", "attaque par rançongiciel", "fuite de données",
    "exfiltration", "mis en vente sur BreachForums", "un accès non autorisé".
    """
    return re.compile(
        r"(?i)cyber-?\s?attaqu|cyber-?\s?incident|cybercriminel|ran[çc]ongiciel|ransomware"
        r"|piratage|pirates?\sinformatiques?|cyber-?pirat|hack(?:er|eur)s?\b|(?:tiers|personnes?|individus?)\s(?:non\sautoris|malveillant)"
        r"|fuites?\s(?:massive\s|présumée\s|supposée\s|importante\s)?de\s(?:donn[ée]es|fichiers|dossiers|documents\sinternes)"
        r"|vol\sde\s(?:donn[ée]es|fichiers|dossiers|identifiants)|violation\sde\s(?:donn[ée]es|s[ée]curit[ée])"
        r"|donn[ée]es[^.;]{0,40}?(?:vol[ée]es|d[ée]rob[ée]es|d[ée]tourn[ée]es|expos[ée]es|divulgu[ée]es|pirat[ée]es"
        r"|aspir[ée]es|siphonn[ée]es|exfiltr[ée]es|compromises|fuit[ée]|mises?\sen\s(?:ligne|vente)|en\svente|ont\sfuit[ée])"
        r"|exfiltr|intrusion\s(?:informatique|dans\s(?:le|la|sa|son|ses|les|leur|l['’]|un|une|nos|notre))|accès\s(?:non\sautoris|frauduleux|ill[ée]gitime)"
        r"|breachforums|dark\s?web|darknet|forum\s(?:de\s)?(?:pirates|hackers|cybercriminels)|data\s?leak"
        r"|chiffr[ée]s?\spar\s(?:des|un|le)|demande\sde\sran[çc]on|revendiqu\w*\s(?:l['’]attaque|la\scyberattaque|le\spiratage|la\sfuite|le\svol|l['’]intrusion)"
        r"|victimes?\sd['’]une?\s(?:\w+\s)?(?:intrusion|attaque|cyberattaque|piratage|fuite|ran[çc]ongiciel|vol\sde\sdonn)"
        r"|(?:liste|tableau)\sde\sses\svictimes|site\s(?:vitrine|de\sfuites?|de\srevendications?)|double\sextorsion"
        r"|identifiants?[^.;]{0,60}?(?:vol[ée]s|d[ée]rob[ée]s|usurp[ée]s|utilis[ée]s\sfrauduleusement|ont\spermis\sd['’](?:acc[ée]der|consulter)|ont\spermis\sde\sconsulter)"
        r"|(?:consult\w+|acc[èe]s|connexions?|utilis\w+)\s(?:\w+\s)?frauduleu\w*"
        r"|incident\s(?:de\s(?:cyber)?s[ée]curit[ée]|informatique|cyber)|compromission|syst[èe]mes?\sd['’]information\s(?:a|ont)\s[ée]t[ée]\s(?:touch|vis|attaqu|compromis|pirat)"
    )


def pattern_cyber_weak() -> re.Pattern:
    """Words that mean an attack only next to computing words (see ``pattern_it_context``).

    "le site a été piraté", "les pirates affirment détenir des données", "une attaque a
    paralysé les serveurs", "des identifiants compromis".
    """
    return re.compile(
        r"(?i)pirat|\bhack|\battaque|p[ée]n[ée]tr[ée]|\battaquants?\b|assaillants|cybercriminels?|aspir[ée]|\bfuites?\b|fuit[ée]|fuiter|compromis|intrusion|infiltr|d[ée]rob|siphonn|paralys|chiffr(?:é|ée|és|ées|ement|ant|aient|ait|er\b)"
        r"|menac\w*\sde\s(?:publier|divulguer|diffuser)|divulguer|\bvictimes?\b"
        r"|expos[ée]|accessibles?\s(?:en\sligne|sans|à\stous|publiquement|librement)|laiss[ée]\saccessible|extrai[tf]"
        r"|publi[ée]e?s?\s(?:\w+\s){0,3}?(?:donn[ée]es|fichiers?|documents|lot|archives?|[ée]chantillon|base)"
        r"|(?:donn[ée]es|fichiers?|documents|archives?|[ée]chantillon|contrats|identifiants)\s(?:\w+\s){0,2}?publi[ée]"
        r"|revendiqu\w*\s(?:\w+\s){0,3}?(?:l['’]attaque|l['’]intrusion|le\spiratage|la\sfuite|la\sresponsabilit|la\scyberattaque|le\svol)"
        r"|revendiqu[ée]e?s?\spar|revendication|d[ée]tourn|publi[ée]s?\ssur|mis(?:es)?\sen\s(?:ligne|vente)|en\svente|leak|circul"
        r"|attribu[ée]e?s?\s(?:par\s\w+\s\w+\s)?[àa]\s|provien|proviendr|provenant|issue?s?\sd|acc[ée]d[ée](?:e?s?\b)(?<!der)|(?:pu|permis\sd['’])\sacc[ée]der"
        r"|\b[ée]coul(?:er|e|ent|ait)\b|monnay\w+"
    )


def pattern_it_context() -> re.Pattern:
    """Computing and data words that turn a weak cue into a cyber event.

    "données", "serveurs", "système d'information", "site internet", "comptes", "fichiers".
    """
    return re.compile(
        r"(?i)donn[ée]es?\b|informatique|serveurs?|syst[èe]mes?|fichiers?|\bsites?\s(?:internet|web|de\s\w+\sen\sligne)|\bsite\b[^.]{0,20}pirat"
        r"|r[ée]seau(?:x)?\s(?:informatique|interne)|messagerie|comptes?\b|identifiants|mots?\sde\spasse|logiciel|base\sde"
        r"|num[ée]rique|internet|en\sligne|t[ée]l[ée]gram|forum|\bcyber|rançon|ran[çc]ongiciel|archive|dossiers\s(?:m[ée]dicaux|patients|clients)"
        r"|extranet|intranet|portail|application|plateforme\s(?:en\sligne|num)|adresses?\se-?mail|coordonn[ée]es|hackers?|hameçonnage|phishing"
        r"|\bsites?\b|patients|clients|usagers|abonn[ée]s|adh[ée]rents|assur[ée]s|courriels|e-?mails|rendez-vous|enregistrements"
    )


def pattern_event_anaphora() -> re.Pattern:
    """A sentence that goes on about the event named just before, without naming it again.

    "Ces fichiers proviennent de deux établissements", "Les données concernent des patients",
    "Cette fuite toucherait aussi la clinique", "L'attaque aurait visé".
    """
    return re.compile(r"(?i)^\W*(?:\w+\s*,\s*)?(?:ces|cette|ce|les|la|l['’]|le)\s(?:\w+\s)?(?:fichiers?|donn[ée]es|archives?|informations|documents"
                      r"|dossiers|fuite|attaque|piratage|incident|intrusion|lignes|base|pirates?|hackers?|auteurs?)\b"
                      r"|provenant\sd|proviendrai|proviennent|issues?\sd|concern|touch[ée]|toucherai|vis[ée]|viserai|figur|impact|affect"
                      r"|victimes?\b")


def pattern_figurative() -> re.Pattern:
    """Uses of cyber words that are not about an attack on an organisation.

    "un site pirate de streaming", "la défense a été piratée" (sport), "fuite d'eau",
    "la fuite des cerveaux", "des fuites dans la presse sur le mercato".
    """
    return re.compile(
        r"(?i)(?:site|sites|diffusion|streaming|iptv|cha[îi]nes?|boîtiers?|copies?|radio|t[ée]l[ée]chargement)s?\s+pirates?"
        r"|(?:r[ée]sister|face|contre|prot[ée]ger|pr[ée]munir|pr[ée]venir|parer|sensibiliser|former|simul\w*|exercice\s[^.]{0,40}"
        r"|en\scas\sde|risques?\sde|menaces?\sde|lutte\scontre|pr[ée]paration\s[àa])\s(?:aux?\s|les\s|la\s|des\s|d['’]une?\s|une?\s|d['’])?"
        r"(?:cyber-?\s?attaques?|attaques?\sinformatiques?|piratages?|ran[çc]ongiciels?|fuites?\sde\sdonn[ée]es|intrusions?)"
        r"|hackers?\s[ée]thiques?|white\shats?|bug\sbounty|hackers?\sbienveillants?|pirates?\s[ée]thiques?"
        r"|usurp\w*\s(?:l['’])?identit[ée][^.;]*|se\sfaisant\spasser\spour[^.;]*|se\spr[ée]sentant\scomme\sd[eu'’][^.;]*|imitant\s[^.;]*|pr[ée]tend(?:ant)?\svenir\sd[eu'’][^.;]*|se\sr[ée]clamant\sd[eu'’][^.;]*"
        r"|d[ée]tection\sd['’]intrusions?|pr[ée]vention\sdes\sintrusions|anti-?intrusion|aux\scouleurs\sd[eu'][^.;]*|[àa]\sl['’]effigie\sd[eu'][^.;]*"
        r"|piratage\s(?:audiovisuel|de\sfilms|de\ss[ée]ries|des?\smatchs?|sportif|de\scontenus|d['’][œo]euvres)"
        r"|fuites?\s(?:d['’]eau|de\sgaz|d['’]huile|des\scerveaux|de\scapitaux|dans\sla\spresse|en\savant)"
        r"|bateau\spirate|pirates?\sdes\scara[ïi]bes|pirate\sde\sl['’]air|attaque\s(?:a[ée]rienne|au\scouteau|de\srequin)"
        r"|(?:d[ée]fense|but|match|score|r[ée]sultat|penalty|touche|alignement|m[êe]l[ée]e)[^.]{0,40}(?:pirat|hack)"
        r"|(?:pirat|hack)\w*\s(?:\w+\s)?(?:de\s)?(?:la\s|le\s|l['’]|notre\s|nos\s)?(?:d[ée]fense|gardien|surface|milieu|d[ée]fenseurs|touche|alignement|m[êe]l[ée]e|combinaisons|annonces)"
        r"|[^.]*\b(?:fictifs?|fictives?|simul[ée]e?s?|fait\ssemblant|exercice\sde\scrise)\b[^.]*"
        r"|capture\sthe\sflag|\bCTF\b|concours\sde\s(?:hacking|cybers[ée]curit[ée])|hackathon"
        r"|piratage[^.]{0,80}(?:diffuseurs|diffusion|droits\stv|retransmission|iptv|streaming|matchs|abonnements|cha[îi]nes?|audiovisuel|films|s[ée]ries)"
        r"|(?:iptv|streaming\sill[ée]gal|audiovisuel|cha[îi]nes?\spayantes?|retransmissions?)[^.]{0,80}piratage|«\s?piratage\s?»"
        r"|(?:attaque|cyberattaque|rançongiciel|intrusion|fuite|chiffrement|panne)\w*(?:\s[\w\-]+){0,3}\s(?:fictive?s?|simul[ée]e?s?|imaginaires?)"
        r"|sc[ée]nario\sfictif[^.]*|(?:messages?|sms|courriels?|e-?mails?|appels)[^.]{0,60}au\snom\sd[eu'’][^.;]*|(?:applications?|services?|abonnements?|offres?)\spirates?"
        r"|(?:sc[ée]nario|exercice)[^.]{0,60}(?:rançongiciel|cyberattaque|attaque|piratage)\w*"
    )


def _breach_words() -> str:
    return (r"(?:pirat|attaqu|compromis|touch[ée]|vis[ée]|victime|concern[ée]|impact[ée]|affect[ée]|infiltr"
            r"|d[ée]rob|vol[ée]|exfiltr|fuit|fuite|hack|p[ée]n[ée]tr|expos[ée]|acc[ée]d[ée]|consult[ée]|divulgu|vuln[ée]r"
            r"|intrusion|incident|anomalie|cyberattaque|extrait|extraites?|siphonn|chiffr|compromission|acc[èe]s\snon|quitt[ée]|sorti)")


def pattern_denial() -> re.Pattern:
    """The organisation was not breached, or the data are not from it.

    "n'a pas été piraté", "aucune donnée n'a été compromise", "ne provient pas de nos systèmes",
    "dément toute intrusion", "réfute avoir été visée", "il n'y a eu ni piratage ni vol".
    """
    breach = _breach_words()
    return re.compile(
        r"(?i)(?:\bn['’]|\bne\s)(?:\w+\s){0,3}?(?:pas|jamais|aucunement|nullement|point|[àa]\saucun\smoment|en\saucun\scas)\b[^.;:!?«»]{0,60}?" + breach
        + r"|\b(?:pas|jamais)\s(?:été|eu|fait\sl['’]objet)\s(?:\w+\s)?" + breach
        + r"|\baucun(?:e)?\s(?:\w+\s){0,2}?(?:intrusion|fuite|exfiltration|compromission|attaque|piratage|cyberattaque"
          r"|anomalie|incident|activit[ée]\ssuspecte|acc[èe]s\s(?:frauduleux|non\sautoris[ée]|ill[ée]gitime))"
        r"|\baucun\w*\b[^.;]{0,50}?\bn['’](?:a|ont|avait|avaient|est|sont)\s(?:\w+\s)?(?:[ée]t[ée]\s)?" + breach
        + r"|\bpas\sde\s(?:fuite|piratage|cyberattaque|intrusion|compromission|exfiltration|vol\sde\sdonn)"
        r"|\bne\s(?:provien|proviendrai|vien|sont\spas\sissu|seraient\spas\sissu)\w*\s(?:\w+\s)?(?:pas|aucunement|nullement)"
        r"|n['’](?:est|sont|seraient|serait)\s(?:pas|aucunement|nullement)\s(?:issu|à\sl['’]origine|li[ée]|en\scause|concern|impliqu)"
        r"|\b(?:d[ée]men[st]|d[ée]menti|d[ée]mentir|d[ée]mentent|r[ée]fut\w*|conteste|contestent|contest[ée]|contester|nie\b|nient\b|nier\b"
        r"|infirm(?:e|é|ée|ent|er)\b)"
        r"|hors\sde\scause|sans\s(?:lien|rapport)\savec|aucun\slien|\bni\s(?:piratage|intrusion|fuite|vol|attaque|cyberattaque|exfiltration|compromission)"
        r"|\bet\snon\s(?:à|a|de|d['’]|pas)\s?(?:une?\s|la\s|l['’])?(?:intrusion|piratage|fuite|attaque|cyberattaque|compromission)"
        r"|\bet\snon\s(?:de|pas\sde|d['’])\s?(?:ses|nos|leurs|son|notre|leur)\s|ne\sprovien\w*\s(?:pas|aucunement)"
        r"|fausse\s(?:information|alerte|revendication)|infond[ée]|il\sn['’]en\sest\srien|rien\sde\stel|\bc['’]est\s(?:totalement\s|compl[èe]tement\s)?faux"
        r"|s['’]inscri\w*\sen\sfaux|balai\w*\s(?:ces|les|d['’]un\srevers)|se\sdit\s[ée]trang[èe]re?\s[àa]"
        r"|(?:cit[ée]|d[ée]sign[ée]|mis|mise|accus[ée]|point[ée]|incrimin[ée])e?s?\s(?:\w+\s)?[àa]\stort"
        r"|ne\ss['’]agi\w*\s(?:pas|aucunement|nullement)\sd['’]une?\s(?:\w+\s)?(?:attaque|cyberattaque|piratage|intrusion|fuite|acte\smalveillant)"
        r"|\b(?:rejet\w*|r[ée]cus\w*)\s(?:fermement\s|cat[ée]goriquement\s)?(?:ces|les|toute?s?|cette)\s(?:\w+\s)?"
        r"(?:accusations?|all[ée]gations?|affirmations?|informations?|responsabilit[ée]|implication|version|th[èe]se)"
    )


def pattern_denial_doubt() -> re.Pattern:
    """No evidence of a breach: a denial from the organisation or an expert, mere caution from the press.

    "aucune preuve de fuite", "rien ne permet d'établir", "aucune trace d'exfiltration".
    """
    breach = _breach_words()
    return re.compile(
        r"(?i)\baucun(?:e)?\s(?:\w+\s){0,2}?(?:preuve|trace|[ée]l[ée]ment|indice|signe)\b[^.;]{0,40}?" + breach
        + r"|\brien\b[^.;]{0,40}?\bne\s(?:permet|prouve|indique|montre|laisse|d[ée]montre|atteste|confirme|établit)"
        r"|\brien\sn['’](?:établit|indique|montre|prouve|atteste)|pas\s[ée]t[ée]\s(?:[ée]tabli|prouv|confirm|d[ée]montr)"
    )


def pattern_partial_scope() -> re.Pattern:
    """A negation limited to a kind of data is not a denial of the breach.

    "les mots de passe ne sont pas concernés", "aucune donnée bancaire n'a fuité".
    """
    return re.compile(r"(?i)mots?\sde\spasse|\brib\b|dossiers?\sm[ée]dicaux|[ée]tat\scivil|pr[ée]l[èe]vements|paiements?|\bpaie\b|facturation|ressources\shumaines|bancaires?|\biban\b|cartes?\s(?:de\scr[ée]dit|bleues?)|donn[ée]es\s(?:m[ée]dicales|de\ssant[ée]|sensibles|financi[èe]res)"
                      r"|num[ée]ros?\sde\ss[ée]curit[ée]\ssociale|chiffres?\b(?!\sd['’]affaires)|estimation|bilan\s(?:avanc|annonc)|ampleur|montant|surévalu|exag[ée]r")


def pattern_total_denial() -> re.Pattern:
    """Negations that cover the whole organisation, whatever else they name.

    "nos systèmes n'ont pas été compromis", "aucune donnée personnelle n'a été dérobée".
    """
    return re.compile(r"(?i)(?:nos|ses|leurs|son|notre|leur)\s(?:propres\s)?(?:syst[èe]mes?|serveurs?|infrastructures?|r[ée]seaux?)"
                      r"|aucune\sdonn[ée]e(?:\spersonnelle)?s?\s(?:n['’]|de\s(?:nos|ses|leurs)\s(?:clients|patients|usagers|adh[ée]rents|abonn[ée]s))"
                      r"|pas\s[ée]t[ée]\s(?:pirat|attaqu|compromis|victime)|n['’]a\spas\s[ée]t[ée]|\bd[ée]men|r[ée]fut|\bni\s")


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
        r"|a\sbien\s[ée]t[ée]|ont\sbien\s[ée]t[ée]|avons\s(?:\w+\s)?[ée]t[ée]\s(?:victimes?|la\scible|touch|vis[ée]|attaqu|pirat)"
        r"|nous\savons\s(?:\w+\s)?(?:d[ée]tect|constat|identifi|subi)|(?:a|ont)\sfait\sl['’]objet\sd['’]une|a\s(?:d[ée]tect[ée]|constat[ée]|identifi[ée]|subi)\s(?:une|un|des)"
        r"|(?:inform\w*|pr[ée]v\w*|alert\w*|[ée]cri\w*\s[àa])\s(?:ses|leurs|les|nos)\s(?:\w+\s)?(?:patients|clients|usagers|adh[ée]rents|abonn[ée]s|assur[ée]s|agents|salari[ée]s)"
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
    return re.compile(r"(?i)revendiqu|revendication|attribu[ée]|mis(?:es)?\sen\s(?:vente|ligne)|met(?:tent)?\sen\s(?:vente|ligne)|publi[ée]|publient|publie\b"
                      r"|affirm\w*|assur\w*|d[ée]tenir|d[ée]tien\w*|menac\w*|propos\w*|diffus\w*|pr[ée]sent\w*\s(?:\w+\s){0,3}?comme"
                      r"|pr[ée]tend\w*|vant\w*|inscri\w*|ajout\w*\s(?:\w+\s){0,8}?(?:liste|site|tableau|victimes)|appara\w*\s(?:depuis\s\w+\s)?(?:sur|dans)|vend(?:re|ent|u|ait)?\b|dit\savoir|disent\savoir|annonc\w*|exig\w*|r[ée]clam\w*")


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
    strong: re.Pattern
    weak: re.Pattern
    it_context: re.Pattern
    figurative: re.Pattern
    event_anaphora: re.Pattern
    denial: re.Pattern
    denial_doubt: re.Pattern
    partial_scope: re.Pattern
    total_denial: re.Pattern
    no_comment: re.Pattern
    confirmation: re.Pattern
    investigating: re.Pattern
    hedge: re.Pattern
    attacker_claim: re.Pattern
    continuation: re.Pattern


@spacy.registry.misc(RULE_VERSION)
def claim_rules_v2() -> ClaimRules:
    return ClaimRules(
        version=RULE_VERSION,
        strong=pattern_cyber_strong(),
        weak=pattern_cyber_weak(),
        it_context=pattern_it_context(),
        figurative=pattern_figurative(),
        event_anaphora=pattern_event_anaphora(),
        denial=pattern_denial(),
        denial_doubt=pattern_denial_doubt(),
        partial_scope=pattern_partial_scope(),
        total_denial=pattern_total_denial(),
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
    "relever", "dire", "clarifier", "démentir", "infirmer", "réfuter", "présenter",
    "évoquer", "mentionner", "prétendre", "juger", "considérer", "craindre", "déplorer", "regretter",
    "reconnaitre", "rassurer", "réitérer", "répéter", "vanter", "plaider", "recommander", "conseiller", "qualifier", "décrire", "parler", "alerter", "signaler", "démentir", "signifier", "temporiser", "tempérer", "nuancer", "relativiser", "trancher", "conclure",
}
# Words that name a kind of speaker, looked up in the first words of the speaker's phrase.
SPEAKER_WORDS = {
    "press": re.compile(r"(?i)^(?:nos|notre)\s(?:informations|confr[èe]res|v[ée]rifications|sources|r[ée]daction|journal|constatations"
                        r"|enqu[êe]te|r[ée]v[ée]lations|investigations)|^on$"
                        r"|\b(?:m[ée]dias?|journal|journaux|quotidien|hebdomadaire|presse|confr[èe]res?|r[ée]daction|magazine"
                        r"|site\s(?:d['’]information|sp[ée]cialis[ée])|t[ée]l[ée]vision|radio|cha[îi]ne|agence\sde\spresse|afp|reuters"
                        r"|journaliste|reportage|zataz|source\sproche|sources?\sproches?|nos\sinformations|sources?(?:\s\w+)?\s(?:concordantes|anonymes?|internes?|s[ée]curitaires|syndicales|judiciaires|proches?)"
                        r"|plusieurs\ssources|une\ssource)\b"),
    "authority": re.compile(r"(?i)\b(?:cnil|anssi|cert-fr|parquet|procureure?|police|policiers|gendarmes?|gendarmerie|enqu[êe]teurs?"
                            r"|minist[èe]re|ministre|pr[ée]fet|pr[ée]fecture|gouvernement|tribunal|juge|cybermalveillance|ofac"
                            r"|autorit[ée]s?|r[ée]gulateur|arcom|agence\sr[ée]gionale\sde\ssant[ée]|ars|secr[ée]taire\sd['’][ée]tat"
                            r"|europol|fbi|justice|brigade|office\santi)\b"),
    "attacker": re.compile(r"(?i)^(?:son|leur|l['’])\s?auteur\b|\b(?:hackers?|hackeurs?|pirates?|cybercriminels?|attaquants?|assaillants?|ran[çc]onneurs?"
                           r"|auteurs?\sde\s(?:l['’]attaque|la\sfuite|la\spublication)|vendeur|gang|groupe\sde\s(?:hackers|pirates)"
                           r"|groupe\scybercriminel|collectif\sde\shackers|acteur\smalveillant|tiers\smalveillant|hacktivistes?|individu|internaute\sanonyme|message\spubli[ée]\ssur\sun\sforum"
                           r"|forum|revendication|op[ée]rateurs?\s(?:du|d['’]un|de\sce)\s(?:rançongiciel|ransomware|groupe|gang|logiciel\sde\srançon))\b"),
    "expert": re.compile(r"(?i)\b(?:experts?|chercheurs?|chercheuses?|sp[ée]cialistes?|consultants?|analystes?|lanceur\sd['’]alerte"
                         r"|soci[ée]t[ée]\sde\scybers[ée]curit[ée]|entreprise\sde\scybers[ée]curit[ée]|[ée]diteur\sde\ss[ée]curit[ée]"
                         r"|ing[ée]nieur|professeur|universitaire|observateurs?|sp[ée]cialiste|firme\sde\ss[ée]curit[ée]|white\shat)\b"),
    "organization": re.compile(r"(?i)^(?:(?:l['’]|la\s|le\s|les\s|un\s|une\s|son\s|sa\s|ses\s|leur\s|sa\s)?(?:propre\s)?"
                               r"(?:direction|porte-parole|directeur|directrice|pdg|pr[ée]sident|pr[ée]sidente|dirigeante?s?"
                               r"|responsables?|dsi|rssi|communiqu[ée]|service\sde\scommunication|service\scommunication|services"
                               r"|repr[ée]sentante?|administrat(?:eur|rice)|maire|adjointe?|[ée]lue?|dg|secr[ée]taire\sg[ée]n[ée]ral"
                               r"|[ée]tablissement|entreprise|soci[ée]t[ée]|groupe|plateforme|h[ôo]pital|clinique|op[ée]rateur|mutuelle"
                               r"|enseigne|collectivit[ée]|mairie|municipalit[ée]|universit[ée]|[ée]diteur|ville|commune|cabinet"
                               r"|interlocuteur|cellule\sde\scrise|avocate?|conseil|g[ée]rante?|patronne?|fondat(?:eur|rice)|cofondat(?:eur|rice)"
                               r"|proviseure?|principale?|doyenne?|rect(?:eur|rice)|chef\sd['’][ée]tablissement|charg[ée]e?\sde\s(?:la\s)?communication)\b|nous\b|^(?:il|elle)s?$|^(?:celle|celui)-ci$)"),
}
INVERTED_VERBS = (
    r"(?:assur|affirm|indiqu|expliqu|précis|pr[ée]cis|soulign|ajout|confirm|admi|admet|d[ée]clar|estim|poursui"
    r"|compl[èe]t|insist|rappel|r[ée]pond|d[ée]taill|avanc|mart[èe]l|nuanc|temp[èe]r|relativis|pr[ée]vien|signal|not|observ"
    r"|r[ée]sum|conclu|comment|r[ée]ag|[ée]cri|annonc|certifi|garanti|souti|regrett|d[ée]plor|r[ée]fut|contest|ni|tranch"
    r"|gliss|confi|l[âa]ch|d[ée]men|reconna[îi]|reconnu|revendiqu|avert|fait\ssavoir|r[ée]v[ée]l|communiqu|dit|d[ée]clar"
    r"|rassur|tenu\s[àa]\s\w+|r[ée]it[ée]r|r[ée]p[ée]t|admis)"
    r"(?:e|é|ée|ent|it|ait|ons|ez|t|u|s)?"
)
ATTRIBUTION_EXCLUDED_ROLES = {"authority", "attacker", "forum", "security_firm", "media"}
