"""Recoupe: French news feeds -> articles -> claims -> DuckDB -> divergence dashboard.

Stages live in sub-packages named after what they produce: ``ingest`` (articles),
``nlp`` (entities, counts, dates), ``claims`` (claims), ``incidents`` (divergence),
``store`` (all SQL). ``python -m pipeline --help`` lists the commands.
"""

__version__ = "0.1.0"
