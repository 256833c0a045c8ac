"""Articles: every article with its claims; evidence sentences with organisation, count and date highlighted.

Feed text is always escaped (dashboard.text): nothing from a feed is rendered as HTML.
"""

import streamlit as st

from dashboard import data, labels, widgets
from dashboard.text import HIGHLIGHT_COLORS, highlight, md_escape, safe_url

st.title("Articles")
db = widgets.database()
f = widgets.filters(db, "articles")
cf = f.claim_filter()

left, right = st.columns([3, 1], vertical_alignment="bottom")
with left:
    query = widgets.bound("q", "", st.text_input, "Rechercher dans les titres et les textes",
                          icon=":material/search:", placeholder="ex. : BreachForums, 152 000").strip()
with right:
    only_claims = widgets.bound("avec", False, st.toggle, "Seulement avec affirmations")
st.caption("Surlignage : " + " · ".join(f":{c}-background[{name}]" for name, c in (
    ("organisation", HIGHLIGHT_COLORS["org"]), ("nombre de victimes", HIGHLIGHT_COLORS["count"]),
    ("date", HIGHLIGHT_COLORS["date"]))) + ". La règle qui a reconnu la position est indiquée après la phrase.")

size = 10
total, page, notes = data.articles_page(db.path, db.version, cf, query, only_claims, size, widgets.page_offset(size))
if not total:
    st.info("Aucun article ne correspond : modifiez la recherche, élargissez la période ou réinitialisez les filtres.")


def spans(claim: dict, note: dict) -> list[dict]:
    """Stored mentions inside the claim's sentence, as offsets relative to it."""
    out = []
    sentence = claim["sentence"] or ""
    for kind, key in (("org", "orgs"), ("count", "counts"), ("date", "dates")):
        for m in note[key]:
            rel = m["start"] - claim["start"]
            if not (0 <= rel and m["end"] <= claim["end"]):
                continue
            if sentence[rel:rel + len(m["mention"])] != m["mention"]:  # sentence stored trimmed: find it
                rel = sentence.find(m["mention"])
                if rel < 0:
                    continue
            out.append({"start": rel, "end": rel + len(m["mention"]), "kind": kind})
    return out


for article in page:
    note = notes[article["id"]]
    with st.container(border=True):
        head, link = st.columns([5, 1], vertical_alignment="center")
        head.markdown(f"#### {md_escape(article['title'] or 'Sans titre')}")
        head.caption(f"{md_escape(article['feed'])} · {widgets.day(article['published'])}"
                     + ("" if article["rule_version"] else " · pas encore analysé"))
        url = safe_url(article["url"])
        if url:
            link.link_button("Ouvrir l'article", url, icon=":material/open_in_new:")
        if not note["claims"]:
            st.caption("Aucune affirmation extraite de cet article.")
        for c in note["claims"]:
            badges = [f":{'orange' if c['stance'] == 'attribution' else 'blue' if c['stance'] == 'denial' else 'green'}"
                      f"-badge[{labels.stance(c['stance'])}]", f":gray-badge[{labels.speaker(c['speaker'])}]",
                      f"**{md_escape(c['org'])}**"]
            if c["excluded"]:
                badges.append(f":gray-badge[Écartée à la relecture : {labels.verdict(c['review_verdict'])}]")
            elif c["reviewed"]:
                badges.append(f":violet-badge[✔ Relue : {labels.verdict(c['review_verdict'])}]")
            if c["victim_count"]:
                badges.append(f"{c['victim_count']:,} {md_escape(c['victim_unit'])}".replace(",", " "))
            if c["event_date"]:
                when = widgets.day(c["event_date"]) if len(c["event_date"]) >= 10 else md_escape(c["event_date"])
                badges.append(f"événement : {when}")
            st.markdown(" · ".join(badges))
            text = highlight(c["sentence"] or "", spans(c, note))
            st.markdown(("> ~~" + text + "~~" if c["excluded"] else "> " + text)
                        + f"  \n> :gray[règle : {md_escape(c['cue'] or '—')}"
                        + (" · formulation au conditionnel" if c["hedged"] else "") + "]")
        with st.expander("Texte de l'article"):
            for paragraph in (article["text"] or "").split("\n\n"):
                if paragraph.strip():
                    st.markdown(md_escape(paragraph))
widgets.pager(total, size, noun="articles")

st.divider()
widgets.export_buttons(db, f, "recoupe-articles-affirmations")
widgets.share_link()
