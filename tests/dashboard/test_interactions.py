"""Filters in the URL, reviews, feeds, login and escaping, driven through the pages (AppTest)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pipeline.records import Article, FeedConfig
from pipeline.store import browse, db, read, write

pytestmark = pytest.mark.model


def test_filters_come_from_the_url_and_stay_in_it(dashboard_db, run_page):
    params = {"position": ["denial"], "source": ["Info Alpes"], "du": "2026-01-01", "au": "2026-01-31"}
    at = run_page(dashboard_db, "overview", params)
    assert at.multiselect(key="f_stance").value == ["denial"]
    assert at.multiselect(key="f_source").value == ["Info Alpes"]
    assert [str(d) for d in at.date_input(key="f_period").value] == ["2026-01-01", "2026-01-31"]
    assert at.query_params["position"] == "denial" and at.query_params["source"] == "Info Alpes"
    with db.connect(str(dashboard_db), read_only=True) as con:
        from dashboard.state import Filters

        expected = browse.key_figures(con, Filters.from_mapping(params).claim_filter())["claims"]
    assert [m.value for m in at.metric if m.label == "Affirmations"] == [str(expected)]
    # the same view on another page keeps the filters (the menu drops the query string: the session restores it)
    at.switch_page("dashboard/pages/articles.py")
    at.query_params.clear()
    at.run()
    assert at.multiselect(key="f_stance").value == ["denial"]
    assert at.query_params["position"] == "denial"


def test_changing_a_filter_rewrites_the_url(dashboard_db, run_page):
    at = run_page(dashboard_db)
    at.selectbox(key="f_org").set_value("Doctolib").run()
    assert at.query_params["org"] == "Doctolib"
    [reset] = [b for b in at.button if b.label == "Réinitialiser les filtres"]
    reset.click().run()
    assert "org" not in at.query_params


def _first_claim(at):
    return next(b for b in at.button if b.label == "Enregistrer la relecture")


def test_a_review_is_stored_marked_and_can_be_undone(dashboard_db, run_page, ui):
    at = run_page(dashboard_db, "review")
    at.text_input[0].input("Camille")
    at.form_submit_button[0].click().run()
    at.radio[0].set_value("not_claim")
    _first_claim(at).click().run()
    assert not at.exception
    with db.connect(str(dashboard_db), read_only=True) as con:
        [review] = read.reviews(con)
        assert review["reviewer"] == "Camille" and review["verdict"] == "not_claim"
        assert review["created_at"] is not None
        rejected = {(c["article_id"], c["start"], c["org"]) for c in read.claims(con)}
    assert (review["article_id"], review["start_char"], review["orig_org"]) not in rejected
    at.segmented_control(key="w_etat").set_value("reviewed").run()
    assert "Écartée" in ui.texts(at) and "relue par Camille" in ui.texts(at)
    [undo] = [b for b in at.button if b.label == "Annuler"]
    undo.click().run()
    with db.connect(str(dashboard_db), read_only=True) as con:
        [review] = read.reviews(con)
        assert review["undone_by"] == "Camille"
        assert not read.reviews(con, active_only=True)


def test_a_correction_changes_the_stance_everywhere(dashboard_db, run_page):
    at = run_page(dashboard_db, "review", {"org": "Doctolib", "position": ["denial"]})
    at.text_input[0].input("Camille")
    at.form_submit_button[0].click().run()
    at.radio[0].set_value("wrong_stance").run()
    at.selectbox(key=next(s.key for s in at.selectbox if s.key and s.key.startswith("stance_"))).set_value(
        "attribution").run()
    _first_claim(at).click().run()
    with db.connect(str(dashboard_db), read_only=True) as con:
        [review] = read.reviews(con)
        fixed = [c for c in read.claims(con, "Doctolib") if c["reviewed"]]
        assert [c["stance"] for c in fixed] == ["attribution"]
        assert [c["review_verdict"] for c in fixed] == ["wrong_stance"]
        incident_claims = con.execute("SELECT count(*) FROM incident_claims").fetchone()[0]
    assert incident_claims  # incidents were rebuilt from the reviewed claims


def test_reviewing_needs_a_signed_in_user_when_login_is_configured(dashboard_db, run_page, ui):
    secrets = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x",
                        "client_id": "id", "client_secret": "s",
                        "server_metadata_url": "https://accounts.example/.well-known/openid-configuration"}}
    at = run_page(dashboard_db, "review", secrets=secrets, user={"is_logged_in": False})
    assert "Connectez-vous pour relire des affirmations" in ui.texts(at)
    assert not [b for b in at.button if b.label == "Enregistrer la relecture"]
    login = [b for b in at.button if b.label == "Se connecter"]
    assert login
    try:
        import authlib  # noqa: F401
    except ImportError:  # without Authlib, st.login refuses: the page explains instead of crashing
        login[0].click().run()
        assert not at.exception and "Connexion impossible" in ui.texts(at)
    assert not at.text_input or "Votre nom" not in at.text_input[0].label
    at = run_page(dashboard_db, "sources", secrets=secrets, user={"is_logged_in": False})
    assert "Connectez-vous pour modifier les sources" in ui.texts(at)
    assert not at.get("form")
    at = run_page(dashboard_db, "review", secrets=secrets,
                  user={"is_logged_in": True, "name": "Alex Martin", "email": "alex@example.org"})
    assert "Alex Martin" in ui.texts(at)
    assert [b for b in at.button if b.label == "Enregistrer la relecture"]


def _add_feed(at, name: str, url: str):
    form_inputs = [t for t in at.text_input if t.label in ("Nom du média", "Adresse du flux RSS ou Atom")]
    form_inputs[0].input(name)
    form_inputs[1].input(url)
    [submit] = [b for b in at.form_submit_button if b.label == "Ajouter le flux"]
    return submit.click().run()


def test_adding_a_feed_with_a_bad_url_explains_why_in_french(dashboard_db, run_page, ui):
    at = run_page(dashboard_db, "sources")
    _add_feed(at, "Mon flux", "ftp://exemple.fr/rss")
    assert "Adresse refusée" in ui.texts(at) and "http:// et https://" in ui.texts(at)
    _add_feed(at, "Mon flux", "http://127.0.0.1/rss.xml")
    assert "réseau local" in ui.texts(at)
    _add_feed(at, "", "http://93.184.215.14/rss.xml")
    assert "Donnez un nom au flux" in ui.texts(at)


def test_adding_disabling_and_removing_a_feed(dashboard_db, run_page, ui):
    at = run_page(dashboard_db, "sources")
    _add_feed(at, "Exemple", "http://93.184.215.14/rss.xml")  # a public IP literal: no DNS lookup
    assert "Flux « Exemple » ajouté" in ui.texts(at)
    with db.connect(str(dashboard_db), read_only=True) as con:
        row = next(f for f in read.feeds(con) if f["name"] == "Exemple")
    assert row["origin"] == "dashboard" and row["enabled"]
    at.run()
    at.selectbox[-1].set_value("Exemple").run()
    [toggle] = [b for b in at.button if b.label == "Désactiver"]
    toggle.click().run()
    with db.connect(str(dashboard_db), read_only=True) as con:
        assert not next(f for f in read.feeds(con) if f["name"] == "Exemple")["enabled"]
    at.selectbox[-1].set_value("Exemple").run()
    at.checkbox[-1].check().run()
    [remove] = [b for b in at.button if b.label == "Supprimer"]
    remove.click().run()
    with db.connect(str(dashboard_db), read_only=True) as con:
        assert "Exemple" not in {f["name"] for f in read.feeds(con)}


def test_feed_text_is_never_rendered_as_html(dashboard_db, run_page, ui):
    payload = "<img src=x onerror=alert(1)>"
    with db.connect(str(dashboard_db)) as con:
        write.upsert_feeds(con, [FeedConfig(name=f"Veille {payload}", url="https://veille.example/rss")])
        write.insert_articles(con, [Article(url="https://veille.example/a", guid="x", title=f"Titre {payload}",
                                            text=f"Texte {payload} [lien](javascript:alert(1)) $x$ :red[rouge]",
                                            published=datetime(2026, 1, 9, tzinfo=timezone.utc),
                                            feed=f"Veille {payload}")])
    at = run_page(dashboard_db, "articles", {"q": "onerror"})
    markdown = [m for m in at.markdown if "img" in m.value]
    assert markdown and all("\\<img" in m.value and not m.proto.allow_html for m in markdown)
    assert f"Titre {payload}" in ui.texts(at)
    assert not any("](javascript" in m.value for m in at.markdown)
    at = run_page(dashboard_db, "sources")
    assert f"Veille {payload}" in set(at.dataframe[0].value["Nom"])


def test_collecting_now_reports_progress_and_a_summary(dashboard_db, run_page, ui):
    at = run_page(dashboard_db, "sources")
    [collect] = [b for b in at.button if b.label == "Collecter maintenant"]
    collect.click().run(timeout=120)
    assert not at.exception
    assert "5/5 flux lus, 0 nouveaux articles" in ui.texts(at)
    assert at.get("progress") and at.get("progress")[-1].proto.value == 100
