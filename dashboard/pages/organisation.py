"""Organisation: registry entry, status, incidents, coverage volume, timeline, repetitions after a denial."""

import streamlit as st

from dashboard import charts, data, widgets
from dashboard.text import md_escape, safe_url

st.title("Organisation")
db = widgets.database()
f = widgets.filters(db, "organisation")
statuses = data.org_statuses(db.path, db.version, f.without_org().claim_filter())

# ---- which organisation: the "Organisation" filter (?org=)
if not f.org:
    st.info("Choisissez une organisation, ici ou dans le filtre « Organisation » de la barre latérale.")
    names = statuses["org"].tolist()
    st.selectbox("Organisation", ["", *names], key="org_pick", format_func=lambda o: o or "—",
                 on_change=lambda: st.session_state.update(f_org=st.session_state["org_pick"]))
    st.stop()
org = f.org
reg = data.registry()
entry = reg.orgs.get(org)
mine = statuses[statuses["org"] == org]
status = mine.iloc[0] if not mine.empty else None

st.header(md_escape(org))
if status is not None:
    st.markdown(widgets.status_badge(status["status"]))
cols = st.columns(4)
with cols[0]:
    st.markdown("**Alias**")
    st.markdown(", ".join(md_escape(a) for a in entry.aliases) if entry and entry.aliases else "—")
with cols[1]:
    st.markdown("**Groupe**")
    parent = reg.parent(org)
    if parent:
        widgets.page_link("organisation", parent, params={"org": parent}, icon=":material/corporate_fare:")
    else:
        st.markdown("—")
with cols[2]:
    st.markdown("**Établissements du groupe**")
    children = sorted(o.name for o in reg.orgs.values() if o.parent == org)
    for child in children:
        widgets.page_link("organisation", child, params={"org": child}, icon=":material/domain:")
    if not children:
        st.markdown("—")
with cols[3]:
    st.markdown("**Secteur**")
    st.markdown(md_escape(entry.sector) if entry and entry.sector else "—")
if entry is None:
    st.caption("Organisation absente du registre (`data/organizations.toml`) : ajoutez-la avec ses alias et son "
               "groupe pour qu'elle soit toujours reconnue sous le même nom.")

if status is not None:
    cols = st.columns(5)
    cols[0].metric("Attributions", int(status["attributions"]))
    cols[1].metric("Démentis (elle ou son groupe)", int(status["denials"]))
    cols[2].metric("Confirmations", int(status["confirmations"]))
    cols[3].metric("1re attribution", widgets.day(status["first_attribution"]))
    cols[4].metric("1er démenti", widgets.day(status["first_denial"]))

# ---- incidents
st.subheader("Incidents")
incidents = data.org_incidents(db.path, db.version, org) if data.incidents_stored(db.path, db.version) else []
for inc in incidents:
    text, link = st.columns([5, 1], vertical_alignment="center")
    text.markdown(f"{widgets.verification_badge(inc['verification'])} {md_escape(inc['title'])}  \n"
                  f"Du {widgets.day(inc['first_date'])} au {widgets.day(inc['last_date'])} · divergence {inc['score']}/100")
    with link:
        widgets.page_link("incident", "Chronologie", params={"incident": inc["id"]}, icon=":material/timeline:")
if not incidents:
    st.caption("Aucun incident enregistré pour cette organisation.")

# ---- coverage volume and timeline
cf = f.claim_filter()
frame = data.coverage(db.path, db.version, cf)
st.subheader("Volume de couverture")
if frame.empty:
    st.info("Aucune affirmation sur cette organisation dans cette vue : élargissez la période ou les filtres.")
else:
    st.plotly_chart(charts.coverage(frame), config=charts.PLOTLY_CONFIG, key="coverage")

st.subheader("Chronologie")
LIMIT = 1500  # points a browser draws comfortably; the rest is one period filter away
total, claims = data.org_timeline(db.path, db.version, org, cf, LIMIT)
if claims:
    st.plotly_chart(charts.timeline(claims), key="timeline", config=charts.PLOTLY_CONFIG)
    st.caption("Les démentis et confirmations de son groupe comptent pour elle. L'icône appareil photo de la barre "
               "du graphique télécharge la chronologie en image (PNG).")
    if total > LIMIT:
        st.caption(f"Chronologie limitée aux {LIMIT} affirmations les plus récentes sur {total} : "
                   "réduisez la période pour voir les précédentes.")
else:
    st.info("Pas de chronologie : aucune affirmation dans cette vue.")

# ---- for a communications team: who repeats the claim after the denial
st.subheader("Médias qui répètent l'attribution après le démenti")
repeated = [{"Date": r.get("date"), "Média": r.get("feed"), "Incident": inc["title"],
             "Phrase": " ".join((r.get("sentence") or "").split()), "Article": safe_url(r.get("url"))}
            for inc in incidents for o in inc.get("orgs") or [] if o.get("org") == org
            for r in o.get("repeated_after_denial") or []]
if repeated:
    st.dataframe(repeated, hide_index=True, width="stretch", column_config={
        "Article": st.column_config.LinkColumn("Article", display_text="Ouvrir ↗"),
        "Phrase": st.column_config.TextColumn("Phrase", width="large")})
else:
    st.caption("Aucune reprise de l'attribution après un démenti.")

st.subheader("Preuves")
widgets.evidence_table(claims, key="evidence")
widgets.export_buttons(db, f, "recoupe-" + "".join(ch if ch.isalnum() else "-" for ch in org).strip("-").lower())
widgets.share_link()
