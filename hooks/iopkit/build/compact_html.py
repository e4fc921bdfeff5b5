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

_KEPT = re.compile(
    r"<(pre|textarea|script|style|code|kbd)\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>.*?</\1\s*>"
    r"|<!--.*?-->"
    r"|<[A-Za-z!/?](?:\"[^\"]*\"|'[^']*'|[^'\">])*>",
    re.S | re.I)
_WHITESPACE = re.compile(r"[ \t\r\n\f]{2,}|[\t\r\f]|\n")


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(lambda run: "\n" if "\n" in run.group(0) else " ", text)


def compact_html(html: str) -> str:
    """`html` with each run of whitespace between its tags collapsed (see above)."""
    parts = []
    position = 0
    for kept in _KEPT.finditer(html):
        parts.append(_collapse(html[position:kept.start()]))
        parts.append(kept.group(0))
        position = kept.end()
    parts.append(_collapse(html[position:]))
    return "".join(parts)
