"""Incident: the divergence timeline, the divergence score explained, transitions, evidence, dossier."""

import streamlit as st

from dashboard import charts, data, exports, labels, widgets
from dashboard.text import md_escape, safe_url

st.title("Incident")
db = widgets.database()
f = widgets.filters(db, "incident")
if not data.incidents_stored(db.path, db.version):
    widgets.no_incidents(db)
    st.stop()

# ---- which incident: ?incident=<id>, else the most recent one of the view
total, choices = data.incident_page(db.path, db.version, f.claim_filter(), "recent", 500, 0)
titles = {c["id"]: c["title"] for c in choices}
wanted = st.query_params.get("incident")
if wanted and wanted not in titles:
    found = data.incident(db.path, db.version, wanted)
    if found:
        titles = {wanted: found["title"], **titles}
    else:
        st.warning("Cet incident n'existe plus (les incidents sont recalculés à chaque collecte) : "
                   "choisissez-en un dans la liste.")
if not titles:
    st.info("Aucun incident dans cette vue : élargissez la période ou réinitialisez les filtres.")
    st.stop()
ids = list(titles)
if widgets.first_run() or st.session_state.get("incident_pick") not in ids:
    st.session_state["incident_pick"] = wanted if wanted in ids else ids[0]
chosen = st.selectbox("Incident", ids, format_func=lambda i: titles[i], key="incident_pick")
st.query_params["incident"] = chosen
inc = data.incident(db.path, db.version, chosen)
if inc is None:
    st.warning("Incident introuvable : la base vient peut-être d'être mise à jour. Rechargez la page.")
    st.stop()

# ---- status and divergence
st.header(md_escape(inc["title"]))
widgets.refreshing_note(db)
st.markdown(" · ".join(f"{widgets.verification_badge(o['verification'])} **{md_escape(o['org'])}**"
                       for o in inc.get("orgs", [])))
div = inc.get("divergence") or {}
cols = st.columns(4)
cols[0].metric("Score de divergence", f"{div.get('score', inc.get('score', 0))}/100")
cols[1].metric("Première mention", widgets.day(inc.get("first_date")))
cols[2].metric("Dernière mention", widgets.day(inc.get("last_date")))
cols[3].metric("Médias", inc.get("outlets", "—"))
if div.get("explanation"):
    st.info(md_escape(div["explanation"]), icon=":material/balance:")

# ---- the timeline
claims = [c for c in inc["claims"] if f.keep(c)]
counts = [n for n in inc.get("counts") or [] if f.keep({"published": n.get("date"), "feed": n.get("feed")})]
if f.org:
    st.caption("Le filtre « Organisation » ne s'applique pas ici : la chronologie montre toutes les "
               "organisations de l'incident.")
st.subheader("Chronologie")
if not claims:
    st.info("Aucune affirmation de cet incident ne correspond aux filtres : élargissez la période ou "
            "réinitialisez les filtres.")
else:
    event = st.plotly_chart(charts.timeline(claims, counts), key="timeline", on_select="rerun",
                            selection_mode="points", config=charts.PLOTLY_CONFIG)
    st.caption("Survolez un point pour lire la phrase ; cliquez dessus pour ouvrir l'article. "
               "L'icône appareil photo de la barre du graphique télécharge la chronologie en image (PNG).")
    for point in (event.selection.points if event else [])[:5]:
        url = safe_url((point.get("customdata") or [""])[0])
        if url:
            st.link_button(f"Ouvrir l'article sélectionné ({widgets.day(point.get('x'))})", url,
                           icon=":material/open_in_new:")

# ---- per organisation: transitions and repetitions after a denial
st.subheader("Historique des positions")
reports = inc.get("orgs") or []
if reports:
    for tab, o in zip(st.tabs([md_escape(o["org"]) for o in reports]), reports):
        with tab:
            cols = st.columns(4)
            cols[0].metric("Attributions", o.get("attributions", 0))
            cols[1].metric("Démentis", o.get("denials", 0))
            cols[2].metric("Confirmations", o.get("confirmations", 0))
            delay = o.get("reaction_delay_days")
            cols[3].metric("Délai de réaction", "—" if delay is None else f"{delay:.1f} j".replace(".", ","))
            rows = [{"Date": t.get("date"), "État": labels.verification(t.get("state")), "Média": t.get("feed"),
                     "Locuteur": labels.speaker(t.get("speaker")),
                     "Phrase": " ".join((t.get("sentence") or "").split()), "Article": safe_url(t.get("url"))}
                    for t in o.get("transitions") or []]
            st.dataframe(rows, hide_index=True, width="stretch", column_config={
                "Article": st.column_config.LinkColumn("Article", display_text="Ouvrir ↗"),
                "Phrase": st.column_config.TextColumn("Phrase", width="large")})
            repeated = o.get("repeated_after_denial") or []
            if repeated:
                st.markdown(f"**Reprises de l'attribution après le démenti** ({len(repeated)})")
                st.dataframe([{"Date": r.get("date"), "Média": r.get("feed"),
                               "Phrase": " ".join((r.get("sentence") or "").split()),
                               "Article": safe_url(r.get("url"))} for r in repeated],
                             hide_index=True, width="stretch",
                             column_config={"Article": st.column_config.LinkColumn("Article", display_text="Ouvrir ↗")})

# ---- evidence and exports
st.subheader("Preuves")
widgets.evidence_table(claims, key="evidence")
left, mid, right = st.columns(3)
left.download_button("Dossier de l'incident (Markdown)", data=lambda: exports.incident_markdown(inc, claims),
                     file_name=f"recoupe-{chosen}.md", mime="text/markdown", on_click="ignore",
                     icon=":material/description:")
mid.download_button("Affirmations (CSV)", data=lambda: exports.claims_csv(claims), file_name=f"recoupe-{chosen}.csv",
                    mime="text/csv", on_click="ignore", icon=":material/download:")
right.download_button("Affirmations (JSON)", data=lambda: exports.claims_json(claims),
                      file_name=f"recoupe-{chosen}.json", mime="application/json", on_click="ignore",
                      icon=":material/download:")
widgets.share_link()
