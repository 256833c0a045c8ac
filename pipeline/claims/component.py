"""The ``recoupe_claims`` spaCy component: counts, dates and claims of a document.

Reads ``doc._.orgs`` (set by ``recoupe_orgs``) and ``doc._.published`` / ``doc._.feed_kind``
(set by the caller on the Doc before the pipeline runs); writes ``doc._.victim_counts``,
``doc._.dates`` and ``doc._.claims``.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.counts import find_victim_counts
from ..nlp.dates import find_dates
from ..nlp.orgs import load_registry
from .extract import extract_claims, is_cyber_document, victim_counts_in_context
from .patterns import RULE_VERSION

for _name, _default in (("published", None), ("feed_kind", "press"), ("victim_counts", None),
                        ("dates", None), ("claims", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.factory("recoupe_claims",
                  default_config={"rules": RULE_VERSION, "organizations_file": None},
                  requires=["doc._.orgs", "doc.sents", "token.dep", "token.lemma"],
                  assigns=["doc._.claims", "doc._.victim_counts", "doc._.dates"])
def make_claims_component(nlp: Language, name: str, rules: str, organizations_file: str | None):
    compiled = spacy.registry.misc.get(rules)()
    registry = load_registry(organizations_file)

    def component(doc: Doc) -> Doc:
        # a number of people is a victim count only in a sentence about an attack or a leak
        sents = list(doc.sents)
        cyber = is_cyber_document([s.text for s in sents], compiled)
        counts = victim_counts_in_context(sents, find_victim_counts(doc.text), compiled) if cyber else []
        dates = find_dates(doc.text, doc._.published)
        doc._.victim_counts = counts
        doc._.dates = dates
        doc._.claims = extract_claims(doc, doc._.orgs or [], counts, dates, compiled, registry,
                                      feed_kind=doc._.feed_kind or "press")
        return doc

    return component
