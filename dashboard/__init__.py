"""The Recoupe dashboard (Streamlit, French UI): pages read top to bottom and call the helpers.

``data`` (cached reads through ``pipeline.store``), ``charts`` (Plotly figures), ``widgets``
(filters in the URL, empty states, exports, reviewer identity), ``text`` (escaping feed text),
``exports`` (CSV / JSON / Markdown dossier), ``actions`` (the few writes: reviews, feeds, refresh).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to app.py
    title: str
    icon: str
    url_path: str
    default: bool = False


PAGES = (
    PageSpec("dashboard/pages/overview.py", "Vue d'ensemble", ":material/dashboard:", "vue-d-ensemble", default=True),
    PageSpec("dashboard/pages/incident.py", "Incident", ":material/timeline:", "incident"),
    PageSpec("dashboard/pages/organisation.py", "Organisation", ":material/domain:", "organisation"),
    PageSpec("dashboard/pages/articles.py", "Articles", ":material/article:", "articles"),
    PageSpec("dashboard/pages/sources.py", "Sources", ":material/rss_feed:", "sources"),
    PageSpec("dashboard/pages/review.py", "Relecture", ":material/fact_check:", "relecture"),
)
PAGE = {p.url_path: p.path for p in PAGES}
