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


def text_fields(value: object, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(data path, text) of every authored string, depth first, in field order.

    The data path is the YAML path of the text (("client", "key_points", 2)), so a check
    can report the line it was written on.
    """
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, BaseModel):
        found: list[tuple[tuple, str]] = []
        for name in type(value).model_fields:
            if not _is_label(type(value), name):
                found += text_fields(getattr(value, name), path + (name,))
        return found
    if isinstance(value, (list, tuple)):
        return [field for i, item in enumerate(value) for field in text_fields(item, path + (i,))]
    return []


def text_blocks(value: object) -> list[str]:
    """All authored strings in a model, list or string, depth first, in field order."""
    return [text for _, text in text_fields(value)]
