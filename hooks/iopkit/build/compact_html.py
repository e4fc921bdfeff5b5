"""A built page without the indentation its templates leave (a fifth of a page's bytes).

A browser shows a run of spaces, tabs and line breaks between words as one space (a line
break, in the languages iopkit writes, as a space too), so each run becomes one line break
if it had one, else one space, and the page looks and reads the same. Left as they are:
tags (their attribute values), comments, and the elements whose whitespace counts: <pre>,
<textarea>, the scripts (whose bytes the Content-Security-Policy hashes) and styles, and
<code> and <kbd>, which the theme shows with `white-space: pre-wrap`.
"""

from __future__ import annotations

import re

# Attribute values may hold ">" inside quotes.
_ATTRIBUTES = r"""[^'">]*(?:(?:"[^"]*"|'[^']*')[^'">]*)*"""
# What is kept as it is (the whole match is group 1, for re.split).
_KEPT = re.compile(
    r"(<(?:(pre|textarea|script|style|code|kbd)\b" + _ATTRIBUTES + r">.*?</\2\s*>"
    r"|!--.*?-->"
    r"|[A-Za-z!/?]" + _ATTRIBUTES + r">))",
    re.S | re.I)
_WITH_LINE_BREAK = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")
_WITHOUT = re.compile(r"[\t\r\f][ \t\r\f]*| [ \t\r\f]+")
# Joins the text between tags, so that two passes of re over one string collapse it all
# (a pass per piece of text was most of the time); never in a page, as it is no whitespace.
_SEPARATOR = "\x00"


def _collapse(text: str) -> str:
    return _WITHOUT.sub(" ", _WITH_LINE_BREAK.sub("\n", text))


def compact_html(html: str) -> str:
    """`html` with each run of whitespace between its tags collapsed (see above)."""
    pieces = _KEPT.split(html)  # text, kept, element name, text, kept, element name, ... text
    texts = pieces[0::3]
    if _SEPARATOR in html:
        collapsed = [_collapse(text) for text in texts]
    else:
        collapsed = _collapse(_SEPARATOR.join(texts)).split(_SEPARATOR)
    out = [""] * (2 * len(texts) - 1)
    out[0::2] = collapsed
    out[1::2] = pieces[1::3]
    return "".join(out)
