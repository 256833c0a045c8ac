"""Text from feeds, made safe for display.

Nothing from a feed is ever rendered as HTML: for Markdown every ASCII punctuation character
is backslash-escaped (CommonMark renders it literally, so ``<img ...>`` stays text and no
``:directive[...]``, link, emphasis or ``$`` formula can be injected); for Plotly hover labels
(which understand a few tags) text goes through ``html.escape``. Highlighting wraps escaped
spans in Streamlit's ``:color-background[...]`` Markdown directive.
"""

from __future__ import annotations

import html
import re
import string
from typing import Iterable, Mapping
from urllib.parse import quote, urlsplit

__all__ = ["md_escape", "hover_escape", "safe_url", "highlight", "wrap", "HIGHLIGHT_COLORS"]

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_SPACES = re.compile(r"\s+")

# span kind -> Streamlit Markdown background colour
HIGHLIGHT_COLORS = {"org": "blue", "count": "orange", "date": "green"}
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"  # RFC 3986 characters kept as they are


def md_escape(text: str | None) -> str:
    """Plain text -> Markdown that displays exactly that text, on one line."""
    if not text:
        return ""
    return _PUNCT.sub(r"\\\1", _SPACES.sub(" ", str(text)).strip())


def hover_escape(text: str | None, width: int = 80) -> str:
    """Plain text -> a Plotly hover label: escaped, wrapped with <br> every ~``width`` characters."""
    return "<br>".join(html.escape(line, quote=True) for line in wrap(text or "", width))


def wrap(text: str, width: int = 80) -> list[str]:
    words = _SPACES.sub(" ", text).strip().split(" ")
    lines: list[str] = []
    line = ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(line)
    return lines


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None (no javascript:, data: or file: links).

    Characters that could end a Markdown link (``<``, ``>``, spaces, quotes...) are percent-encoded.
    """
    url = (url or "").strip()
    if urlsplit(url).scheme.lower() in ("http", "https") and urlsplit(url).netloc:
        return quote(url, safe=_URL_SAFE)
    return None


def highlight(sentence: str, spans: Iterable[Mapping]) -> str:
    """Escaped Markdown of ``sentence`` with spans (``start``, ``end`` relative to it, ``kind``) highlighted.

    Overlapping spans keep the first (longest first at equal start); spans outside the sentence
    are ignored.
    """
    chosen: list[tuple[int, int, str]] = []
    for s in sorted(spans, key=lambda s: (s["start"], -(s["end"] - s["start"]))):
        start, end, kind = int(s["start"]), int(s["end"]), s["kind"]
        if start < 0 or end > len(sentence) or end <= start or kind not in HIGHLIGHT_COLORS:
            continue
        if chosen and start < chosen[-1][1]:
            continue
        chosen.append((start, end, kind))
    out: list[str] = []
    pos = 0
    for start, end, kind in chosen:
        out.append(md_escape_inline(sentence[pos:start]))
        out.append(f":{HIGHLIGHT_COLORS[kind]}-background[{md_escape_inline(sentence[start:end])}]")
        pos = end
    out.append(md_escape_inline(sentence[pos:]))
    return "".join(out).strip()


def md_escape_inline(text: str) -> str:
    """Like ``md_escape`` but keeps leading/trailing spaces (pieces of one sentence)."""
    return _PUNCT.sub(r"\\\1", _SPACES.sub(" ", text))
