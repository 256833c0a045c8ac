"""Relecture: a journalist confirms, rejects or fixes extracted claims; corrections override extraction.

A review is stored with its author and time, keyed on the article, the sentence offsets and
the extracted organisation and stance (so it survives re-extraction), and can be undone.
"""

import streamlit as st

from dashboard import actions, data, labels, widgets
from dashboard.text import md_escape, safe_url
from pipeline.errors import InputError
from pipeline.records import SPEAKERS, STANCES
from pipeline.store.write import REVIEW_VERDICTS

st.title("Relecture")
st.caption("Confirmez, écartez ou corrigez les affirmations extraites : vos corrections remplacent l'extraction "
           "partout (chronologies, divergences, exports) et survivent à une nouvelle extraction.")
db = widgets.database()
f = widgets.filters(db, "review")
who = widgets.editor("relire des affirmations")

state = widgets.bound("etat", "unreviewed", st.segmented_control, "Afficher", ["unreviewed", "reviewed", "all"],
                      choices=["unreviewed", "reviewed", "all"],
                      format_func={"unreviewed": "À relire", "reviewed": "Relues", "all": "Toutes"}.get)
size = 10
total, page = data.claims_page(db.path, db.version, f.claim_filter(), state or "unreviewed", size,
                               widgets.page_offset(size))
if not total:
    st.info("Aucune affirmation à afficher : changez « Afficher », élargissez la période ou réinitialisez "
            "les filtres.")


def review_form(c: dict, reviewer: str) -> None:
    key = c["id"]
    verdict = st.radio("Verdict", REVIEW_VERDICTS, format_func=labels.verdict, key=f"verdict_{key}", horizontal=True)
    fix: dict = {}
    if verdict in ("wrong_stance", "fixed"):
        fix["stance"] = st.selectbox("Bonne position", STANCES, format_func=labels.stance, key=f"stance_{key}",
                                     index=STANCES.index(c["stance"]) if c["stance"] in STANCES else 0)
    if verdict in ("wrong_org", "fixed"):
        fix["org"] = st.text_input("Bonne organisation (laisser vide si aucune)", value=c["org"] if verdict == "fixed"
                                   else "", key=f"org_{key}").strip() or None
    if verdict == "fixed":
        fix["speaker"] = st.selectbox("Locuteur", SPEAKERS, format_func=labels.speaker, key=f"speaker_{key}",
                                      index=SPEAKERS.index(c["speaker"]) if c["speaker"] in SPEAKERS else 0)
        left, right = st.columns(2)
        count = left.number_input("Nombre de victimes", min_value=0, step=1, value=int(c["victim_count"] or 0),
                                  key=f"count_{key}")
        unit = right.text_input("Unité (patient, client, dossier…)", value=c["victim_unit"] or "", key=f"unit_{key}")
        if count and unit.strip():
            fix["victim_count"], fix["victim_unit"] = int(count), unit.strip()
    note = st.text_input("Note (facultatif)", key=f"note_{key}", max_chars=500)
    if st.button("Enregistrer la relecture", key=f"save_{key}", type="primary", icon=":material/check:"):
        try:
            actions.save_review(db.path, c, verdict, reviewer, note=note, **fix)
        except InputError as exc:
            st.error(md_escape(str(exc)))
        else:
            st.toast("Relecture enregistrée.", icon=":material/check:")
            st.rerun()


for c in page:
    with st.container(border=True):
        line = [f":{'orange' if c['stance'] == 'attribution' else 'blue' if c['stance'] == 'denial' else 'green'}"
                f"-badge[{labels.stance(c['stance'])}]", f":gray-badge[{labels.speaker(c['speaker'])}]",
                f"**{md_escape(c['org'])}**"]
        if c["excluded"]:
            line.append(f":gray-badge[Écartée : {labels.verdict(c['review_verdict'])}]")
        elif c["reviewed"]:
            line.append(f":violet-badge[✔ Relue : {labels.verdict(c['review_verdict'])}]")
        st.markdown(" ".join(line))
        st.markdown("> " + md_escape(c["sentence"]))
        meta = f"{md_escape(c['feed'])} · {widgets.day(c['published'])}"
        if c["reviewed"]:
            meta += f" · relue par {md_escape(c['reviewer'])} le {widgets.day(c['reviewed_at'])}"
        if c["reviewed"] and (c["org"], c["stance"]) != (c["extracted_org"], c["extracted_stance"]):
            meta += (f" · extraction d'origine : {md_escape(c['extracted_org'])}, "
                     f"{labels.stance(c['extracted_stance']).lower()}")
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.caption(meta)
        url = safe_url(c["url"])
        if url:
            right.link_button("Article", url, icon=":material/open_in_new:")
        if who:
            if c["reviewed"] and right.button("Annuler", key=f"undo_{c['review_id']}", icon=":material/undo:",
                                              help="Annuler cette relecture (elle reste dans l'historique)"):
                actions.undo_review(db.path, c["review_id"], who)
                st.rerun()
            with st.expander("Relire cette affirmation" if not c["reviewed"] else "Modifier la relecture"):
                review_form(c, who)
        history = data.review_history(db.path, db.version, c["article_id"], c["start"], c["end"], c["extracted_org"],
                                      c["extracted_stance"]) if c["reviewed"] or state != "unreviewed" else []
        if len(history) > 1 or any(h["undone_at"] for h in history):
            with st.expander(f"Historique ({len(history)})"):
                st.dataframe([{"Date": widgets.paris(h["created_at"]), "Par": h["reviewer"],
                               "Verdict": labels.verdict(h["verdict"]), "Organisation": h["org"] or "",
                               "Position": labels.stance(h["stance"]) if h["stance"] else "",
                               "Annulée le": widgets.paris(h["undone_at"]), "Annulée par": h["undone_by"] or "",
                               "Note": h["note"]} for h in history], hide_index=True, width="stretch")
widgets.pager(total, size, noun="affirmations")

st.subheader("Dernières relectures")
recent = data.reviews(db.path, db.version)
if recent:
    st.dataframe([{"Date": widgets.paris(r["created_at"]), "Par": r["reviewer"], "Verdict": labels.verdict(r["verdict"]),
                   "Organisation extraite": r["orig_org"], "Correction": r["org"] or "",
                   "Position corrigée": labels.stance(r["stance"]) if r["stance"] else "",
                   "Phrase": " ".join((r["sentence"] or "").split()),
                   "Annulée": f"{widgets.day(r['undone_at'])} par {r['undone_by']}" if r["undone_at"] else ""}
                  for r in recent], hide_index=True, width="stretch",
                 column_config={"Date": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
                                "Phrase": st.column_config.TextColumn(width="large")})
else:
    st.caption("Aucune relecture pour l'instant.")

st.divider()
widgets.export_buttons(db, f, "recoupe-affirmations-relues")
widgets.share_link()
