"""Every piece of authored text in a part of the model, as written.

Used by the JSON export (facilitator_only / client lists) and by the leak tests, which
look for each facilitator-only block in the built Client Workbook.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel


# Ids and references to ids name things; nobody reads them as text.
_NAMES = {"id", "worksheets"}


def _is_label(model: type[BaseModel], name: str) -> bool:
    """Ids, and Literal fields (kind, type) chosen from a list, are not authored text."""
    annotation = model.model_fields[name].annotation
    return name in _NAMES or typing.get_origin(annotation) is typing.Literal


def text_blocks(value: object) -> list[str]:
    """All authored strings in a model, list or string, depth first, in field order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, BaseModel):
        blocks: list[str] = []
        for name in type(value).model_fields:
            if not _is_label(type(value), name):
                blocks += text_blocks(getattr(value, name))
        return blocks
    if isinstance(value, (list, tuple)):
        return [block for item in value for block in text_blocks(item)]
    return []
