"""Scripts that wait until the page is read in: the browser shows a workbook page first.

Material and the theme put their scripts at the end of <body> without `defer`. A browser
still counts such a script as blocking: it may not finish showing the page before each one
has arrived and run, on slow data seconds after the text itself. With `defer` they arrive
in parallel and run in the same order once the page is parsed (before DOMContentLoaded, as
the scripts expect), and the page is shown without waiting for them. Inline scripts, whose
bytes the Content-Security-Policy hashes, and scripts in <head> are left as they are.
"""

from __future__ import annotations

import re

_EXTERNAL = re.compile(r"<script(?=[^>]*\ssrc=)(?![^>]*\s(?:defer|async)\b)([^>]*)>")


def defer_scripts(html: str) -> str:
    """`html` with `defer` on each external script of its body that has neither `defer`
    nor `async`."""
    body = html.find("<body")
    if body < 0:
        return html
    return html[:body] + _EXTERNAL.sub(r"<script\1 defer>", html[body:])
