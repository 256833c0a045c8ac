"""The running dashboard in headless Chromium: what a journalist sees and clicks."""

from __future__ import annotations

import re

import pytest

from .conftest import XSS, settle, shoot

pytestmark = [pytest.mark.browser, pytest.mark.model]

PLOTLY_TRACES = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(
    g => (g.data || []).map(t => [t.name, (t.x || []).length]))"""


def test_overview_shows_the_contested_organisations(page, app_url):
    page.goto(app_url)
    settle(page)
    main = page.get_by_test_id("stMain")
    main.get_by_text("Organisations aux affirmations contestées").wait_for()
    for org in ("Doctolib", "Hôpital privé de la Miotte"):
        card = main.get_by_test_id("stVerticalBlock").filter(has_text=re.compile(f"^{re.escape(org)}")).filter(
            has_text="Contesté").last
        assert card.is_visible(), org
    assert not page.get_by_test_id("stException").count()
    shoot(page, "1-vue-d-ensemble", height=2200)
    assert not page.dialogs


def test_clicking_the_contested_incident_shows_attribution_and_denial(page, app_url):
    page.goto(app_url)
    settle(page)
    card = page.get_by_test_id("stVerticalBlock").filter(has_text="Doctolib").filter(
        has_text="contesté").filter(has=page.get_by_role("link", name="Chronologie")).last
    card.get_by_role("link", name="Chronologie").click()
    page.wait_for_url(re.compile(r"/incident\?.*incident=inc-"))
    settle(page)
    page.locator(".js-plotly-plot").first.wait_for()
    traces = dict(page.evaluate(PLOTLY_TRACES)[0])
    assert traces.get("Attribution", 0) > 0 and traces.get("Démenti", 0) > 0, traces
    legend = [t.text_content() for t in page.locator(".js-plotly-plot .legendtext").all()]
    assert "Attribution" in legend and "Démenti" in legend
    assert page.locator(".js-plotly-plot .scatterlayer .point").count() >= 2
    page.get_by_text("1re attribution").first.wait_for()
    page.get_by_text("1er démenti").first.wait_for()
    assert page.get_by_text("Doctolib").count()
    shoot(page, "2-incident", height=2600)


def test_a_link_with_filters_reproduces_the_view(page, app_url, browser_db, context):
    from dashboard.state import Filters
    from pipeline.store import browse, db

    params = "?position=denial&source=Info+Alpes&source=Hexagone+D%C3%A9p%C3%AAches"
    with db.connect(str(browser_db), read_only=True) as con:
        expected = browse.key_figures(con, Filters.from_mapping(
            {"position": "denial", "source": ["Info Alpes", "Hexagone Dépêches"]}).claim_filter())["claims"]
    page.goto(app_url + "/" + params)
    settle(page)
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("Démenti", exact=True).count() and sidebar.get_by_text("Info Alpes").count()
    metric = page.get_by_test_id("stMetric").filter(has_text="Affirmations")
    assert metric.get_by_test_id("stMetricValue").inner_text().strip() == str(expected)
    # a colleague opening the link in another tab gets the same figures
    other = context.new_page()
    other.goto(page.url)
    settle(other)
    again = other.get_by_test_id("stMetric").filter(has_text="Affirmations").get_by_test_id("stMetricValue")
    assert again.inner_text().strip() == str(expected)
    other.close()
    # the menu keeps the filters: the next page's address carries them
    sidebar.get_by_role("link", name="Articles").click()
    page.wait_for_url(re.compile(r"/articles"))
    settle(page)
    assert "position=denial" in page.url and "Info+Alpes" in page.url.replace("%20", "+")


def test_a_review_is_kept_after_a_reload(page, app_url):
    page.goto(app_url + "/relecture")
    settle(page)
    page.get_by_label("Votre nom (enregistré avec chaque relecture)").fill("Camille Navigateur")
    page.get_by_role("button", name="Continuer").click()
    settle(page)
    first = page.get_by_test_id("stExpander").filter(has_text="Relire cette affirmation").first
    first.get_by_text("Relire cette affirmation").click()
    first.get_by_role("button", name="Enregistrer la relecture").click()  # verdict "Correcte" (the default)
    settle(page)
    page.get_by_role("radio", name="Relues").click()
    page.wait_for_url(re.compile(r"etat=reviewed"))
    page.reload()
    settle(page)
    page.get_by_text("Relue : Correcte").first.wait_for()
    assert page.get_by_text(re.compile("relue par Camille Navigateur")).count()
    shoot(page, "6-relecture", height=1600)


def test_adding_a_feed_with_a_bad_url_shows_the_error(page, app_url):
    page.goto(app_url + "/sources")
    settle(page)
    page.get_by_label("Nom du média").fill("Flux douteux")
    page.get_by_label("Adresse du flux RSS ou Atom").fill("ftp://exemple.fr/flux.xml")
    page.get_by_role("button", name="Ajouter le flux").click()
    settle(page)
    error = page.get_by_test_id("stAlertContentError")
    error.first.wait_for()
    assert "Adresse refusée" in error.first.inner_text() and "http:// et https://" in error.first.inner_text()
    shoot(page, "5-sources", height=1400)


def test_html_in_feed_titles_is_shown_as_text(page, app_url):
    page.goto(app_url + "/articles?q=pi%C3%A9g%C3%A9")
    settle(page)
    page.get_by_text(f"Titre piégé {XSS}").wait_for()
    page.get_by_text(f"Veille {XSS}", exact=False).first.wait_for()
    assert page.locator('img[src="x"]').count() == 0
    page.goto(app_url + "/sources")
    settle(page)
    page.wait_for_timeout(500)
    assert page.locator('img[src="x"]').count() == 0
    assert page.dialogs == [], page.dialogs


def test_every_page_renders_without_error(page, app_url):
    for name, path in (("3-organisation", "/organisation?org=Doctolib"), ("4-articles", "/articles")):
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(app_url + path)
        settle(page)
        assert not page.get_by_test_id("stException").count(), path
        shoot(page, name, height=2200)
    assert not page.dialogs
