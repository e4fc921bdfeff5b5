"""The workbook's own stylesheets and scripts as a phone needs them: without comments and
indentation, and a script's local names shortened.

The theme's files stay readable; the built workbook ships them minified. Stylesheets go
through rcssmin, which takes out only what CSS ignores (comments, and whitespace that
separates nothing). Scripts go through calmjs.parse, which reads a script whole and writes
it again with its local variables and functions renamed to a letter or two: a third
smaller than comments and whitespace alone, on the scripts every workbook page loads.
Names outside a script's functions (what other scripts may use) keep theirs. A script
calmjs.parse cannot read (it reads ECMAScript 5, which the theme's scripts keep to; an
adopter's may be newer) or one with a `/*! ... */` comment, where a licence or credit goes,
gets rjsmin instead: comments and whitespace only, `/*! ... */` kept. Material's own files
come minified already.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

import rcssmin
import rjsmin
from calmjs.parse import es5
from calmjs.parse.exceptions import ECMASyntaxError, ProductionError
from calmjs.parse.unparsers.es5 import minify_print


def minify_files(files: Iterable[Path], cache: Path | None = None) -> None:
    """Rewrite each stylesheet (.css) and script (.js) among `files` minified. Scripts
    already minified once are taken from `cache`, a folder, where it is given."""
    for file in files:
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".css":
            file.write_text(rcssmin.cssmin(text, keep_bang_comments=True), encoding="utf-8")
        elif file.suffix == ".js":
            file.write_text(_remembered(text, cache) if cache else minify_script(text),
                            encoding="utf-8")


@functools.cache
def _minifiers() -> str:
    # What a script's minified form depends on besides its text: the rules below (change
    # the first word when they change) and the minifiers' releases.
    return f"v1 calmjs.parse {version('calmjs.parse')} rjsmin {version('rjsmin')}"


def _remembered(text: str, cache: Path) -> str:
    """minify_script(text), from `cache` when it holds it. Reading a script whole is slow
    (half a second for the theme's, in every workbook build), and the theme's scripts
    change only with iopkit, so each is minified once per release on a machine."""
    key = hashlib.sha256(f"{_minifiers()}\0{text}".encode()).hexdigest()
    known = cache / f"{key}.js"
    try:
        return known.read_text(encoding="utf-8")
    except OSError:
        pass
    minified = minify_script(text)
    try:  # whole or not at all: builds running at once may write the same file
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache, delete=False,
                                         suffix=".tmp") as scratch:
            scratch.write(minified)
        os.replace(scratch.name, known)
    except OSError:
        pass  # a cache that cannot be written is only slower
    return minified


def minify_script(text: str) -> str:
    """`text`, a script, minified: local names shortened where that is safe to do."""
    if "/*!" not in text:
        try:
            return minify_print(es5(text), obfuscate=True, obfuscate_globals=False)
        except (ECMASyntaxError, ProductionError):
            pass  # newer JavaScript than calmjs.parse reads: whitespace and comments only
    return rjsmin.jsmin(text, keep_bang_comments=True)
