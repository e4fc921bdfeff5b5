"""Content that could run script in a reader's browser is refused at validation.

Content fields are Markdown. What would let text run code when a page is shown — script
and similar elements, event-handler attributes, `javascript:`-style URLs however they are
spelled or encoded, attributes set through Markdown attribute lists — is reported at the
line it was written on. The built pages are also sanitized (sanitize.py): this is the
check editors see, that one is the wall.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

ELEMENTS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "style",
            "link", "meta", "base", "form", "input", "button", "textarea", "select", "svg",
            "math", "template", "noscript", "xml", "import")
_ELEMENT = re.compile(r"<\s*/?\s*(" + "|".join(ELEMENTS) + r")\b", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"<[^>]*?[\s/\"']on[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
# Markdown attribute lists ({: onclick=...} or { href=... }) can set any attribute.
_ATTR_LIST = re.compile(r"\{[:\s][^}]*\b(on[a-z]+|href|src|style|action|formaction|srcdoc)\s*=",
                        re.IGNORECASE)
# Script schemes are refused anywhere (no curriculum text needs them); data: only where it
# would be an address, since "data:" is an ordinary word before a colon.
_SCRIPT_SCHEME = re.compile(r"(javascript|vbscript|livescript)\s*:", re.IGNORECASE)
_ADDRESSES = re.compile(r"\]\(\s*<?([^)\s>]*)|(?:href|src|action)\s*=\s*[\"']?([^\"'\s>]*)"
                        r"|^\s*\[[^\]]+\]:\s*<?(\S*)|<([a-z][a-z0-9+.-]*:[^>\s]*)>",
                        re.IGNORECASE | re.MULTILINE)
_DATA_SCHEME = re.compile(r"^data\s*:", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u00ad\u200b-\u200f\u2028\u2029\ufeff]+")


def _decoded(text: str) -> str:
    """Undo the encodings a browser would undo: entities, percent-escapes, hidden spaces."""
    previous = None
    while previous != text:  # nested encodings (&amp;#106;) unwrap one layer at a time
        previous = text
        text = unquote(html.unescape(text))
    return _INVISIBLE.sub("", text)


def _could_be_hostile(text: str) -> bool:
    """Every route below needs one of these; most text has none and is cleared at once."""
    if "<" in text or "{" in text or "&" in text or "%" in text:
        return True
    lower = text.lower()
    return "script" in lower or "data" in lower


def hostile_content(text: str) -> list[str]:
    """Why this text could carry script; empty when it cannot."""
    if not _could_be_hostile(text):
        return []
    reasons = []
    if match := _ELEMENT.search(text):
        reasons.append(f"the HTML element <{match.group(1).lower()}> is not allowed in content; "
                       "write Markdown (worksheets are made from worksheet files)")
    if _EVENT_HANDLER.search(text) or _EVENT_HANDLER.search(_decoded(text)):
        reasons.append("an HTML event-handler attribute (on...=) is not allowed in content")
    if match := _ATTR_LIST.search(text):
        reasons.append(f"setting '{match.group(1)}' in a Markdown attribute list is not allowed; "
                       "remove the {...} after the text")
    decoded = _decoded(text)
    scheme = _SCRIPT_SCHEME.search(decoded)
    if not scheme:
        addresses = ["".join(groups) for groups in _ADDRESSES.findall(decoded)]
        scheme = next((m for a in addresses if (m := _DATA_SCHEME.search(a))), None)
    if scheme:
        name = scheme.group(0).rstrip(": ").lower()
        reasons.append(f"a '{name}:' address is not allowed; link to a web page (https://...) "
                       "or a page of the site")
    return reasons
