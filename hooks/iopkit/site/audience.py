"""Select: cut the curriculum down to what one audience may see, on the data itself.

The client view is built from ClientSession, a model that has no facilitator field at
all, so facilitator-only text cannot reach a workbook template, page, search index,
sitemap or 404 page: there is nothing left to leak.
"""

from __future__ import annotations

from ..content.model import ClientSession, Curriculum, ModuleEntry, SessionEntry
from .registry import AUDIENCES, Audience


def client_session(entry: SessionEntry) -> SessionEntry:
    shared = {name: getattr(entry.session, name) for name in ClientSession.model_fields}
    return entry.model_copy(update={"session": ClientSession(**shared)})


def select_audience(curriculum: Curriculum, audience: Audience) -> Curriculum:
    if audience == "facilitator":
        return curriculum
    if audience != "client":
        raise ValueError(f"unknown audience {audience!r}; use one of {AUDIENCES}")
    modules = [
        ModuleEntry(module=m.module, source=m.source,
                    sessions=[client_session(s) for s in m.sessions])
        for m in curriculum.modules
    ]
    return curriculum.model_copy(update={"modules": modules})
