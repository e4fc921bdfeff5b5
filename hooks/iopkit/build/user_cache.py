"""Where builds keep, per user and outside site/, what comes out the same each time:
compiled Jinja templates ("jinja"), minified scripts ("minified").

Each folder keeps its newest files, up to a bound. A program's builds need some tens;
but every copy of a project in another folder compiles its templates anew (Jinja keys
them by path), and a workbook whose words change minifies its data script anew, so
without a bound the folders would only grow.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

KEPT_FILES = 1000  # per folder; the oldest go first, and the next build makes them again


def cache_dir(kind: str) -> Path | None:
    """The folder for `kind`, made if need be; None where none can be made, and builds
    simply do the work again."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "iopkit" / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _keep_newest(folder, KEPT_FILES)
    except OSError:
        return None
    return folder


def _keep_newest(folder: Path, count: int) -> None:
    entries = []
    with os.scandir(folder) as found:
        for entry in found:
            with contextlib.suppress(OSError):  # gone meanwhile: another build pruned it
                entries.append((entry.stat().st_mtime, entry.path))
    if len(entries) <= count:
        return
    for _, path in sorted(entries, reverse=True)[count:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
