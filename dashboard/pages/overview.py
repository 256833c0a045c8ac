"""Vue d'ensemble: key figures, incidents by recency or divergence, contested organisations, search."""

import streamlit as st

from dashboard import data, labels, widgets
from dashboard.text import md_escape, safe_url

st.title("Vue d'ensemble")
st.caption("Qui a dit quoi, et quand : revendications de cyberattaques, attributions, démentis et confirmations "
           "dans la presse francophone.")
db = widgets.database()
f = widgets.filters(db, "overview")
cf = f.claim_filter()

# ---- search over organisations and article text
query = widgets.bound("recherche", "", st.text_input, "Rechercher", icon=":material/search:",
                      placeholder="Une organisation ou des mots d'un article (ex. : Doctolib, rançongiciel)").strip()
if query:
    orgs, total, found = data.search(db.path, db.version, query, cf)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Organisations** ({len(orgs)})")
        for o in orgs[:10]:
            widgets.page_link("organisation", o["org"], params={"org": o["org"]}, icon=":material/domain:")
        if not orgs:
            st.caption("Aucune organisation ne correspond.")
    with right:
        st.markdown(f"**Articles** ({total})")
        for a in found[:10]:
            url = safe_url(a["url"])
            line = f"{md_escape(a['title'] or 'Sans titre')} — {md_escape(a['feed'])}, {widgets.day(a['published'])}"
            st.markdown(f"- [{line}](<{url}>)" if url else f"- {line}")
        if total > 10:
            widgets.page_link("articles", f"Voir les {total} articles", params={"q": query}, icon=":material/article:")
    st.divider()

# ---- key figures for the period and filters
fig = data.figures(db.path, db.version, cf)
statuses = data.org_statuses(db.path, db.version, cf)
contested = statuses[statuses["status"] == "contested"]
cols = st.columns(5)
cols[0].metric("Articles", f"{fig['articles']:,}".replace(",", " "))
cols[1].metric("Affirmations", f"{fig['claims']:,}".replace(",", " "),
               help=f"{fig['attributions']} attributions, {fig['denials']} démentis, "
                    f"{fig['confirmations']} confirmations ; {fig['reviewed']} relues")
cols[2].metric("Organisations citées", fig["orgs"])
cols[3].metric("Médias", fig["outlets"])
cols[4].metric("Organisations contestées", len(contested))
if not fig["claims"]:
    st.info("Aucune affirmation dans cette vue : élargissez la période ou cliquez sur « Réinitialiser les filtres ».")

# ---- incidents
st.subheader("Incidents")
widgets.refreshing_note(db)
if not data.incidents_stored(db.path, db.version):
    widgets.no_incidents(db)
else:
    order = widgets.bound("tri", "recent", st.segmented_control, "Classer par", ["recent", "divergent"],
                          choices=["recent", "divergent"],
                          format_func={"recent": "Plus récents", "divergent": "Plus divergents"}.get)
    size = 8
    total, page = data.incident_page(db.path, db.version, cf, order or "recent", size, widgets.page_offset(size))
    if not total:
        st.info("Aucun incident dans cette vue : élargissez la période ou réinitialisez les filtres.")
    for inc in page:
        with st.container(border=True):
            text, link = st.columns([5, 1], vertical_alignment="center")
            text.markdown(f"**{md_escape(inc['title'])}**")
            text.markdown(" · ".join(f"{widgets.verification_badge(o['verification'])} {md_escape(o['org'])}"
                                     for o in inc["org_states"]))
            text.caption(f"Du {widgets.day(inc['first_date'])} au {widgets.day(inc['last_date'])} · "
                         f"{inc['outlets_in_view']} média(s) · {inc['claims_in_view']} affirmation(s) · "
                         f"divergence {inc['score']}/100")
            with link:
                widgets.page_link("incident", "Chronologie", params={"incident": inc["id"]},
                                  icon=":material/timeline:")
    widgets.pager(total, size, noun="incidents")

# ---- organisations with contested claims (issue 2's first screen)
st.subheader("Organisations aux affirmations contestées")
st.caption("Attribuées par quelqu'un, démenties par elles-mêmes ou leur groupe ; la plus récente d'abord.")
if contested.empty:
    st.info("Aucune organisation contestée dans cette vue.")
for row in contested.head(12).itertuples():
    with st.container(border=True):
        text, link = st.columns([5, 1], vertical_alignment="center")
        text.markdown(f"**{md_escape(row.org)}** {widgets.status_badge(row.status)}")
        text.caption(f"{row.attributions} attribution(s) · {row.denials} démenti(s) · {row.confirmations} "
                     f"confirmation(s) · 1re attribution : {widgets.day(row.first_attribution)} · 1er démenti : "
                     f"{widgets.day(row.first_denial)} · dernière activité : {widgets.day(row.last_activity)}")
        with link:
            widgets.page_link("organisation", "Détails", params={"org": row.org}, icon=":material/domain:")
with st.expander(f"Toutes les organisations mises en cause ({len(statuses)})"):
    table = statuses.assign(status=statuses["status"].map(labels.status))
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "org": "Organisation", "status": "Statut", "attributions": "Attributions", "denials": "Démentis",
        "confirmations": "Confirmations", "claims": "Affirmations",
        "first_attribution": st.column_config.DatetimeColumn("1re attribution", format="DD/MM/YYYY"),
        "first_denial": st.column_config.DatetimeColumn("1er démenti", format="DD/MM/YYYY"),
        "last_activity": st.column_config.DatetimeColumn("Dernière activité", format="DD/MM/YYYY"),
    })

st.divider()
widgets.export_buttons(db, f, "recoupe-affirmations")
widgets.share_link()
