"""Widgets shared by the pages: database states, filters kept in the URL, pagination,
exports, badges, and who may edit.

Filters live in the query string (``state.Filters``): on the first run of a page they are
read from the URL, or, when the navigation menu dropped the query string, from the filters
the session used last; after the widgets run, the URL is rewritten to match them, so
copying the address bar always reproduces the view.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any, Callable
from urllib.parse import urlencode

import streamlit as st

from pipeline.records import SPEAKERS, STANCES

from . import PAGE, data, exports, labels
from .data import Database
from .state import FILTER_KEYS, ORG, PARIS, SOURCE, SPEAKER, STANCE, START, Filters
from .text import md_escape

__all__ = ["database", "track_page", "filters", "share_link", "bound", "first_run", "page_offset", "pager", "page_link",
           "status_badge", "verification_badge", "paris", "day", "export_buttons", "auth_enabled", "editor",
           "evidence_table", "no_incidents", "refreshing_note"]

_SAVED = "_recoupe_filters"  # the session's last filters (plain query-parameter dict)
_PAGE = "_recoupe_page"  # the page of the previous run
_SWITCHED = "_recoupe_switched"  # whether this run is the first one of its page
_W = {START: "f_period", ORG: "f_org", SOURCE: "f_source", STANCE: "f_stance", SPEAKER: "f_speaker"}


# ---------------------------------------------------------------- database states
def database(*, allow_missing: bool = False) -> Database:
    """The database, or a French message saying what to do (and the page stops)."""
    db = data.probe(data.db_path())
    if db.ok or (allow_missing and db.state in ("missing", "empty")):
        return db
    if db.state == "missing":
        st.warning(f"Base introuvable : `{db.path}`.\n\nPour commencer, lancez `make run` ou "
                   "`python -m pipeline demo` (corpus de démonstration), ou ajoutez un flux dans la page "
                   "**Sources**. Un autre fichier ? Indiquez-le avec la variable `RECOUPE_DB`.")
    elif db.state == "empty":
        st.info("Base vide : lancez `make run` ou `python -m pipeline demo` pour charger la démonstration, "
                "ou `python -m pipeline ingest` pour collecter vos flux (voir la page **Sources**).")
    elif db.state == "busy":
        st.warning(data.BUSY)
        if st.button("Réessayer", icon=":material/refresh:"):
            data.clear()
            st.rerun()
    else:
        st.error("Lecture de la base impossible. Vérifiez le chemin (`RECOUPE_DB`) ou recréez la base avec "
                 "`python -m pipeline demo`.")
        st.caption(f"Détail technique : {db.detail}")
    st.stop()


# ---------------------------------------------------------------- filters
def _bounds(db: Database) -> tuple[date, date]:
    opts = data.options(db.path, db.version)
    first = opts["first"].astimezone(PARIS).date() if opts["first"] else date.today()
    last = opts["last"].astimezone(PARIS).date() if opts["last"] else date.today()
    return first, last


def track_page(page: str) -> bool:
    """Record which page runs; True on its first run (every page calls this, through ``filters`` or directly)."""
    switched = st.session_state.get(_PAGE) != page
    st.session_state[_PAGE] = page
    st.session_state[_SWITCHED] = switched
    return switched


def _restore(page: str) -> None:
    """On a page's first run: load the widgets from the URL, else from the session's last filters."""
    if not track_page(page):
        return
    qp = st.query_params
    if any(k in qp for k in FILTER_KEYS):
        f = Filters.from_params(qp.get_all)
    else:
        f = Filters.from_mapping(st.session_state.get(_SAVED, {}))
    st.session_state[_W[START]] = tuple(d for d in (f.start, f.end) if d)
    st.session_state[_W[ORG]] = f.org or ""
    st.session_state[_W[SOURCE]] = list(f.feeds)
    st.session_state[_W[STANCE]] = list(f.stances)
    st.session_state[_W[SPEAKER]] = list(f.speakers)


def _reset_filters() -> None:
    st.session_state[_W[START]] = ()
    st.session_state[_W[ORG]] = ""
    for key in (SOURCE, STANCE, SPEAKER):
        st.session_state[_W[key]] = []


def filters(db: Database, page: str) -> Filters:
    """Sidebar filters (period, organisation, source, stance, speaker) mirrored in the URL."""
    _restore(page)
    opts = data.options(db.path, db.version)
    first, last = _bounds(db)
    orgs = [o["org"] for o in opts["orgs"]]
    counts = {o["org"]: o["claims"] for o in opts["orgs"]}
    state = st.session_state
    if state.get(_W[ORG]) and state[_W[ORG]] not in counts:
        orgs.append(state[_W[ORG]])
    state[_W[SOURCE]] = [v for v in state.get(_W[SOURCE], []) if v in opts["feeds"]]
    with st.sidebar:
        st.subheader("Filtres")
        period = st.date_input("Période de publication", key=_W[START], format="DD/MM/YYYY",
                               help="Laissez vide pour toute la période. Les dates sont en heure de Paris.")
        st.selectbox("Organisation", ["", *orgs], key=_W[ORG],
                     format_func=lambda o: "Toutes les organisations" if not o else
                     (f"{o} ({counts[o]})" if o in counts else o))
        st.multiselect("Source", opts["feeds"], key=_W[SOURCE], placeholder="Toutes les sources")
        st.multiselect("Position", list(STANCES), key=_W[STANCE], format_func=labels.stance,
                       placeholder="Toutes les positions")
        st.multiselect("Locuteur", list(SPEAKERS), key=_W[SPEAKER], format_func=labels.speaker,
                       placeholder="Tous les locuteurs")
        st.button("Réinitialiser les filtres", icon=":material/filter_alt_off:", on_click=_reset_filters)
        st.caption(f"Données du {labels.short_date(first)} au {labels.short_date(last)}.")
    period = tuple(period) if isinstance(period, (tuple, list)) else ((period,) if period else ())
    start, end = (period + (None, None))[:2] if len(period) == 2 else (None, None)
    f = Filters(start=start, end=end, org=state.get(_W[ORG]) or None, feeds=tuple(state[_W[SOURCE]]),
                stances=tuple(state[_W[STANCE]]), speakers=tuple(state[_W[SPEAKER]]))
    _write_url(f)
    return f


def _write_url(f: Filters) -> None:
    qp = st.query_params
    wanted = f.to_params()
    changed = False
    for key in FILTER_KEYS:
        now = qp.get_all(key)
        want = wanted.get(key)
        want_list = [want] if isinstance(want, str) else list(want or [])
        if now != want_list:
            changed = True
            if want_list:
                qp[key] = want_list if len(want_list) > 1 or key in (SOURCE, STANCE, SPEAKER) else want_list[0]
            else:
                qp.pop(key, None)
    if changed and st.session_state.get(_SAVED) is not None and not st.session_state.get(_SWITCHED):
        st.session_state[_wkey("p")] = 1  # a new selection starts at its first page
        st.query_params.pop("p", None)
    st.session_state[_SAVED] = wanted


def share_link() -> None:
    """The address of this exact view, ready to copy."""
    base = st.context.url or ""
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    with st.sidebar:
        st.caption("Lien de cette vue (à copier) :")
        st.code((base or "/") + (("?" + query) if query else ""), language=None, wrap_lines=True)


# ---------------------------------------------------------------- pagination, links, badges
def _wkey(param: str) -> str:
    return "w_" + param


def first_run() -> bool:
    """Whether this run is the first of its page (arrived by a link, the menu or a reload)."""
    return bool(st.session_state.get(_SWITCHED, True))


def bound(param: str, default: Any, widget: Callable[..., Any], *args: Any, choices: list | None = None,
          **kwargs: Any) -> Any:
    """``widget(*args, key=..., **kwargs)`` whose value lives in the URL as ``?param=`` (left out at ``default``).

    On the page's first run the value comes from the URL (a shared link, a link from another
    page); afterwards the widget drives it and the URL follows.
    """
    key = _wkey(param)
    if st.session_state.get(_SWITCHED, True) or key not in st.session_state:
        raw = st.query_params.get(param)
        value = default
        if raw is not None:
            try:
                value = (raw.lower() in ("1", "true", "oui") if isinstance(default, bool)
                         else int(raw) if isinstance(default, int) else raw)
            except ValueError:
                value = default
        if choices is not None and value not in choices:
            value = default
        st.session_state[key] = value
    value = widget(*args, key=key, **kwargs)
    if value is None or value == default or value == "":
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = ("1" if value else "0") if isinstance(value, bool) else str(value)
    return value


def current_page() -> int:
    """The page number chosen with ``pager`` (read before the rows are fetched): the URL's on a page's first run."""
    saved = None if st.session_state.get(_SWITCHED, True) else st.session_state.get(_wkey("p"))
    try:
        return max(1, int(saved or st.query_params.get("p") or 1))
    except ValueError:
        return 1


def page_offset(size: int) -> int:
    return (current_page() - 1) * size


def pager(total: int, size: int, *, noun: str = "éléments") -> int:
    """Page selector kept in the URL (``?p=``); returns the offset of the current page."""
    pages = max(1, math.ceil(total / size))
    current = min(current_page(), pages)
    if pages > 1:
        st.session_state[_wkey("p")] = current
        with st.container(horizontal_alignment="right"):
            current = st.pagination(pages, key=_wkey("p"))
    if current > 1:
        st.query_params["p"] = str(current)
    else:
        st.query_params.pop("p", None)
    st.caption(f"{total} {noun} — page {current} sur {pages}")
    return (current - 1) * size


def page_link(page: str, label: str, *, params: dict[str, Any] | None = None, icon: str | None = None,
              keep_filters: bool = True) -> None:
    """A link to another page carrying the current filters (and ``params``) in its query string."""
    query: dict[str, Any] = dict(st.session_state.get(_SAVED, {})) if keep_filters else {}
    query.update({k: v for k, v in (params or {}).items() if v not in (None, "", [])})
    st.page_link(PAGE[page], label=md_escape(label), icon=icon, query_params=query or None)  # labels are Markdown


def status_badge(code: str | None, text: str | None = None) -> str:
    """Markdown badge for a divergence status (contested, attributed, denied, confirmed)."""
    color = labels.STATUS_COLOR.get(code or "", "gray")
    return f":{color}-badge[{md_escape(text or labels.status(code))}]"


def verification_badge(label: str) -> str:
    return f":{labels.VERIFICATION_COLOR.get(label, 'gray')}-badge[{md_escape(label)}]"


def paris(value: datetime | None) -> datetime | None:
    return value.astimezone(PARIS) if isinstance(value, datetime) else value


def day(value: Any) -> str:
    return labels.day(value)


# ---------------------------------------------------------------- exports
def export_buttons(db: Database, f: Filters, stem: str, rows: Callable[[], list[dict]] | None = None) -> None:
    """Download the view's claims as CSV and JSON; computed only when a button is clicked.

    Without ``rows`` the whole view is exported by DuckDB (fast on 500,000 claims); with
    ``rows`` (a page's claims already in memory, e.g. one incident) those are exported.
    """
    cf = f.claim_filter()
    if rows is None:
        csv_data = lambda: data.export_claims(db.path, cf, "csv")  # noqa: E731
        json_data = lambda: data.export_claims(db.path, cf, "json")  # noqa: E731
    else:
        csv_data = lambda: exports.claims_csv(rows())  # noqa: E731
        json_data = lambda: exports.claims_json(rows())  # noqa: E731
    left, right = st.columns(2)
    left.download_button("Exporter les affirmations (CSV)", data=csv_data, file_name=f"{stem}.csv", mime="text/csv",
                         on_click="ignore", icon=":material/download:", key=f"csv_{stem}")
    right.download_button("Exporter les affirmations (JSON)", data=json_data, file_name=f"{stem}.json",
                          mime="application/json", on_click="ignore", icon=":material/download:", key=f"json_{stem}")


# ---------------------------------------------------------------- who may edit
def auth_enabled() -> bool:
    """Whether ``.streamlit/secrets.toml`` configures Streamlit's built-in login (an ``[auth]`` section)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _provider() -> str | None:
    """The provider to pass to ``st.login``: None for a single ``[auth]`` provider, else the first named one."""
    try:
        section = st.secrets["auth"]
        named = [k for k, v in section.items() if hasattr(v, "keys")]
        return None if "client_id" in section or not named else named[0]
    except Exception:
        return None


def editor(purpose: str, *, need_name: bool = True) -> str | None:
    """Who is editing, or None (and an explanation) when nobody may edit yet.

    With ``[auth]`` in the secrets: only a signed-in user, recorded under their name or e-mail.
    Without: anyone; reviews ask for a name once per session.
    """
    if auth_enabled():
        if not st.user.is_logged_in:
            st.info(f"Connectez-vous pour {purpose}.")
            if st.button("Se connecter", icon=":material/login:", key=f"login_{purpose}"):
                try:
                    st.login(_provider())
                except st.errors.StreamlitAPIException as exc:  # e.g. Authlib missing, incomplete [auth]
                    st.error("Connexion impossible : vérifiez la section `[auth]` de `.streamlit/secrets.toml` "
                             "et que le paquet `Authlib` est installé.")
                    st.caption(f"Détail technique : {md_escape(str(exc))}")
            return None
        name = str(st.user.get("name") or st.user.get("email") or "utilisateur connecté")
        left, right = st.columns([4, 1])
        left.caption(f"Connecté·e : **{md_escape(name)}**")
        right.button("Se déconnecter", on_click=st.logout, key=f"logout_{purpose}")
        return name
    if not need_name:
        return st.session_state.get("reviewer_name") or "anonyme"
    name = st.session_state.get("reviewer_name")
    if name:
        left, right = st.columns([4, 1])
        left.caption(f"Relecteur ou relectrice : **{md_escape(name)}**")
        if right.button("Changer de nom", key=f"rename_{purpose}"):
            st.session_state.pop("reviewer_name", None)
            st.rerun()
        return name
    with st.form(f"who_{purpose}"):
        typed = st.text_input("Votre nom (enregistré avec chaque relecture)", max_chars=80)
        if st.form_submit_button("Continuer"):
            if typed.strip():
                st.session_state["reviewer_name"] = typed.strip()
                st.rerun()
            st.error("Indiquez un nom pour signer vos relectures.")
    return None


# ---------------------------------------------------------------- tables and small blocks
def evidence_table(claims: list[dict], *, key: str) -> None:
    """The evidence: one row per claim, newest first, with a link to the article."""
    import pandas as pd

    from .text import safe_url

    frame = pd.DataFrame([{
        "Date": paris(c.get("published")),
        "Média": c.get("feed") or "",
        "Locuteur": labels.speaker(c.get("speaker")),
        "Position": labels.stance(c.get("stance")),
        "Organisation": c.get("org") or "",
        "Phrase": " ".join((c.get("sentence") or "").split()),
        "Victimes": (f"{c['victim_count']:,}".replace(",", " ") + " " + (c.get("victim_unit") or ""))
        if c.get("victim_count") else "",
        "Relue": bool(c.get("reviewed")),
        "Article": safe_url(c.get("url")),
    } for c in sorted(claims, key=lambda c: (str(c.get("published") or ""), c.get("start") or 0), reverse=True)])
    if frame.empty:
        st.info("Aucune affirmation dans cette vue : élargissez la période ou réinitialisez les filtres.")
        return
    st.dataframe(frame, hide_index=True, key=key, width="stretch", column_config={
        "Date": st.column_config.DatetimeColumn("Date", format="DD/MM/YYYY HH:mm"),
        "Phrase": st.column_config.TextColumn("Phrase", width="large"),
        "Relue": st.column_config.CheckboxColumn("Relue", help="Affirmation vérifiée par un journaliste"),
        "Article": st.column_config.LinkColumn("Article", display_text="Ouvrir ↗"),
    })


def no_incidents(db: Database) -> None:
    """Incidents are computed from claims by the pipeline; offer to compute them now."""
    from . import actions

    if actions.incidents_refreshing(db.path):
        st.info("Calcul des incidents en cours (il peut durer quelques minutes sur une grande base).")
        if st.button("Actualiser", icon=":material/refresh:"):
            st.rerun()
        return
    st.info("Les incidents n'ont pas encore été calculés pour cette base. Ils le sont à chaque collecte depuis "
            "cette page Sources ; vous pouvez aussi lancer `python -m pipeline alerts` ou cliquer ci-dessous.")
    if st.button("Calculer les incidents maintenant", icon=":material/calculate:"):
        with st.spinner("Regroupement des affirmations en incidents…"):
            actions.refresh_incidents(db.path)
        st.rerun()


def refreshing_note(db: Database) -> None:
    """Say so while incidents are being rebuilt after a review or a collection."""
    from . import actions

    if actions.incidents_refreshing(db.path):
        st.caption(":material/hourglass_top: Incidents en cours de recalcul après une relecture ou une collecte : "
                   "statuts et scores seront à jour dans un instant (les affirmations le sont déjà).")
