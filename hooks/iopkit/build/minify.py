"""The workbook's own stylesheets and scripts as a phone needs them: without comments and
indentation.

The theme's files stay readable; the built workbook ships them through rcssmin and rjsmin,
which take out only what CSS and JavaScript ignore (comments, and whitespace that separates
nothing) and keep `/*! ... */` comments, where a licence or credit goes. Material's own
files come minified already.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import rcssmin
import rjsmin


def minify_files(files: Iterable[Path]) -> None:
    """Rewrite each stylesheet (.css) and script (.js) among `files` minified."""
    for file in files:
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".css":
            file.write_text(rcssmin.cssmin(text, keep_bang_comments=True), encoding="utf-8")
        elif file.suffix == ".js":
            file.write_text(rjsmin.jsmin(text, keep_bang_comments=True), encoding="utf-8")
