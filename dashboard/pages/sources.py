"""Sources: feed health, latest runs; add, disable or remove a feed; collect now with a progress bar."""

import json

import pandas as pd
import streamlit as st

from dashboard import actions, data, labels, widgets
from dashboard.text import md_escape
from pipeline.errors import InputError
from pipeline.records import FEED_KINDS

st.title("Sources")
st.caption("Les flux RSS/Atom suivis, leur santé, et les dernières collectes.")
db = widgets.database(allow_missing=True)
widgets.track_page("sources")
feeds = data.feeds(db.path) if db.state != "missing" else []

# ---- health
st.subheader("Santé des flux")
if not feeds:
    st.info("Aucun flux enregistré : ajoutez-en un ci-dessous, ou lancez `python -m pipeline ingest` "
            "(flux de `data/feeds.toml`) ou `python -m pipeline demo`.")
else:
    failing = [f for f in feeds if (f.get("consecutive_failures") or 0) >= 3]
    if failing:
        st.warning("Flux en échec répété : " + ", ".join(f"**{md_escape(f['name'])}**" for f in failing)
                   + ". Vérifiez leur adresse ou désactivez-les.")
    health = pd.DataFrame([{
        "Nom": f["name"], "Actif": bool(f["enabled"]), "Type": labels.FEED_KIND.get(f["kind"], f["kind"]),
        "État": labels.FEED_STATUS.get(f.get("last_status"), f.get("last_status")),
        "Dernier succès": f.get("last_success"), "Dernière collecte": f.get("last_fetched"),
        "Échecs consécutifs": f.get("consecutive_failures") or 0, "Articles": f.get("articles") or 0,
        "Dernière erreur": f.get("last_error") or "", "Remarque": f.get("notice") or "",
        "Ajouté depuis": {"dashboard": "le tableau de bord", "config": "data/feeds.toml",
                          "cli": "la ligne de commande"}.get(f.get("origin") or "", f.get("origin") or ""),
        "Adresse": f["url"],
    } for f in feeds])
    for column in ("Dernier succès", "Dernière collecte"):  # missing dates show empty, not "None"
        health[column] = pd.to_datetime(health[column], utc=True).dt.tz_convert("Europe/Paris")
    st.dataframe(health, hide_index=True, width="stretch", key="feeds", column_config={
        "Dernier succès": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
        "Dernière collecte": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
        "Dernière erreur": st.column_config.TextColumn(width="large"),
    })

runs = data.runs(db.path) if db.state != "missing" else []
if runs:
    with st.expander(f"Dernières collectes ({len(runs)})"):
        st.dataframe([{"Début": widgets.paris(r["started"]), "Fin": widgets.paris(r["finished"]), "Commande": r["command"],
                       "Bilan": ", ".join(f"{k} : {v}" for k, v in sorted(json.loads(r["counts"] or "{}").items()))}
                      for r in runs], hide_index=True, width="stretch", column_config={
            "Début": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm:ss"),
            "Fin": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm:ss")})

# ---- editing (signed-in users only when login is configured)
st.subheader("Modifier les sources")
who = widgets.editor("modifier les sources", need_name=False)
if who is None:
    st.stop()

with st.form("add_feed", clear_on_submit=False):
    st.markdown("**Ajouter un flux**")
    name = st.text_input("Nom du média", max_chars=120)
    url = st.text_input("Adresse du flux RSS ou Atom", placeholder="https://www.exemple.fr/rss.xml", max_chars=2000)
    left, right = st.columns(2)
    kind = left.selectbox("Type", list(FEED_KINDS), format_func=lambda k: labels.FEED_KIND.get(k, k))
    language = right.text_input("Langue", value="fr", max_chars=5)
    if st.form_submit_button("Ajouter le flux", icon=":material/add:"):
        try:
            actions.add_feed(db.path, name, url, kind, language.strip() or "fr")
        except InputError as exc:
            st.error(md_escape(str(exc)), icon=":material/error:")
        else:
            st.success(f"Flux « {md_escape(name.strip())} » ajouté. Cliquez sur « Collecter maintenant » "
                       "pour récupérer ses articles.")
            feeds = data.feeds(db.path)

if feeds:
    st.markdown("**Activer, désactiver ou supprimer un flux**")
    names = [f["name"] for f in feeds]
    enabled = {f["name"]: bool(f["enabled"]) for f in feeds}
    chosen = st.selectbox("Flux", names, format_func=lambda n: n + ("" if enabled[n] else " (désactivé)"))
    cols = st.columns(3)
    if cols[0].button("Réactiver" if not enabled[chosen] else "Désactiver",
                      icon=":material/toggle_on:" if not enabled[chosen] else ":material/toggle_off:"):
        actions.set_feed_enabled(db.path, chosen, not enabled[chosen])
        st.rerun()
    sure = cols[1].checkbox("Je confirme la suppression", help="Les articles déjà collectés sont conservés.")
    if cols[2].button("Supprimer", icon=":material/delete:", disabled=not sure):
        actions.remove_feed(db.path, chosen)
        st.rerun()
    st.caption("Les flux de `data/feeds.toml` sont resynchronisés (y compris « actif ») par "
               "`python -m pipeline ingest` et `watch` : pour les retirer durablement, modifiez ce fichier.")

    st.markdown("**Collecter maintenant**")
    st.caption("Lit tous les flux actifs, enregistre les nouveaux articles, en extrait les affirmations "
               "puis recalcule les incidents.")
    if st.button("Collecter maintenant", icon=":material/sync:", type="primary"):
        bar = st.progress(0.0, text="Démarrage…")

        def progress(done: int, total: int, label: str) -> None:
            step = "Analyse des articles" if label == "analyse" else f"Flux « {label} »"
            bar.progress(min(1.0, done / total) if total else 1.0, text=f"{step} ({done}/{total})")

        with st.spinner("Collecte en cours…"):
            report = actions.refresh_feeds(db.path, progress)
        bar.progress(1.0, text="Terminé")
        ok = len(report.results) - len(report.failed)
        st.success(f"{ok}/{len(report.results)} flux lus, {len(report.new_article_ids)} nouveaux articles, "
                   f"{report.analyzed} articles analysés.")
        for r in report.failed:
            st.error(md_escape(r.error))
