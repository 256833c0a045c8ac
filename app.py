"""Recoupe's dashboard: `streamlit run app.py` (or `make run`). Pages live in dashboard/pages/."""

import streamlit as st

from dashboard import PAGES

st.set_page_config(page_title="Recoupe", page_icon=":material/fact_check:", layout="wide")
st.navigation([st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path, default=p.default)
               for p in PAGES]).run()
