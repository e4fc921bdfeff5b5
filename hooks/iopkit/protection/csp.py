"""A Content-Security-Policy for the Client Workbook, as a <meta> tag in every page.

The workbook makes no request to another origin; this policy is the second wall behind
that (the first: no third-party fonts, scripts or embeds in the build at all). Material's
inline scripts keep working because each one is allowed by its SHA-256 hash, computed from
the finished page, so a script that content smuggled in would still be refused.
Styles allow 'unsafe-inline': Material sets inline style attributes, and a style cannot
run code or read what a client types.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)


def _executes(attributes: str) -> bool:
    kind = re.search(r'type=["\']?([^"\'\s>]+)', attributes, re.I)
    return kind is None or kind.group(1).lower() in ("text/javascript", "module",
                                                      "application/javascript")


def script_hashes(html: str) -> list[str]:
    hashes = []
    for attributes, body in _INLINE_SCRIPT.findall(html):
        if _executes(attributes):
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy(html: str) -> str:
    scripts = " ".join(["'self'", *script_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def add_policy(html: str) -> str:
    """The page with its policy as the first element of <head>, before any script."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return _HEAD.sub(lambda head: head.group(0) + meta, html, count=1)
