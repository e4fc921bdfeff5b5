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

from collections.abc import Iterable
from pathlib import Path

import rcssmin
import rjsmin
from calmjs.parse import es5
from calmjs.parse.exceptions import ECMASyntaxError, ProductionError
from calmjs.parse.unparsers.es5 import minify_print


def minify_files(files: Iterable[Path]) -> None:
    """Rewrite each stylesheet (.css) and script (.js) among `files` minified."""
    for file in files:
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".css":
            file.write_text(rcssmin.cssmin(text, keep_bang_comments=True), encoding="utf-8")
        elif file.suffix == ".js":
            file.write_text(minify_script(text), encoding="utf-8")


def minify_script(text: str) -> str:
    """`text`, a script, minified: local names shortened where that is safe to do."""
    if "/*!" not in text:
        try:
            return minify_print(es5(text), obfuscate=True, obfuscate_globals=False)
        except (ECMASyntaxError, ProductionError):
            pass  # newer JavaScript than calmjs.parse reads: whitespace and comments only
    return rjsmin.jsmin(text, keep_bang_comments=True)
