"""Turn pydantic's validation errors into problems an editor can act on.

pydantic says what failed at which location (`('agenda', 2, 'minutes')`); we add the
file's line and column, the field path as an editor reads it (`agenda[3].minutes`) and
how to fix it, with a "did you mean" for misspelt keys and values.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from .problems import Problem, did_you_mean
from .yaml_source import DataPath, YamlDocument


def field_path_text(data_path: DataPath) -> str:
    text = ""
    for part in data_path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional so we reach the type that describes the data."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _union_member_for_tag(annotation: Any, tag: str) -> Any:
    for member in typing.get_args(annotation):
        member = _unwrap(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            kind = member.model_fields.get("type")
            if kind is not None and tag in typing.get_args(kind.annotation):
                return member
    return None


def resolve_location(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[DataPath, Any]:
    """Map pydantic's loc to the path in the YAML data and the type expected at its parent.

    Discriminated unions put the tag ('text', 'scale', ...) into loc although the data has
    no such level, so those segments are dropped from the data path.
    """
    data_path: list[str | int] = []
    annotation: Any = model
    parent: Any = model
    for segment in loc:
        parent = annotation
        current = _unwrap(annotation)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(segment, str):
            field = current.model_fields.get(segment)
            annotation = field.annotation if field else None
            data_path.append(segment)
        elif typing.get_origin(current) in (list, dict) and isinstance(segment, (int, str)):
            annotation = typing.get_args(current)[-1]
            data_path.append(segment)
        elif typing.get_origin(current) in (typing.Union, types.UnionType) and isinstance(segment, str):
            annotation = _union_member_for_tag(current, segment)
        else:
            annotation = None
            data_path.append(segment)
    return tuple(data_path), _unwrap(parent)


_FRIENDLY = {
    "string_type": "should be text; put it in quotes if YAML read it as a number, date or yes/no",
    "int_type": "should be a whole number, e.g. 15",
    "date_type": "should be a date written YYYY-MM-DD, e.g. 2026-01-31",
    "list_type": "should be a list: put each item on its own line starting with '- '",
    "model_type": "should be a group of 'key: value' lines indented under this key",
    "dict_type": "should be a group of 'key: value' lines indented under this key",
    "bool_type": "should be true or false",
    "string_too_short": "is empty; write the text or remove the key if it is optional",
}


def _message(error: Mapping[str, Any], data_path: DataPath, parent: Any) -> str:
    kind = error["type"]
    where = field_path_text(data_path)
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(data_path[-1])
        is_model = isinstance(parent, type) and issubclass(parent, BaseModel)
        allowed = list(parent.model_fields) if is_model else []
        hint = did_you_mean(key, allowed) or (f"; allowed keys here: {', '.join(allowed)}" if allowed else "")
        return f"unknown key '{key}'{hint}"
    if kind == "missing":
        return f"missing required key '{data_path[-1]}': add it" + (
            f" under '{field_path_text(data_path[:-1])}'" if len(data_path) > 1 else "")
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]
        value = error.get("input")
        hint = did_you_mean(str(value), choices)
        return f"{where}: '{value}' is not allowed; use one of: {', '.join(choices)}{hint}"
    if kind == "string_pattern_mismatch":
        return (f"{where}: '{error.get('input')}' is not a valid id; use lowercase letters, digits "
                "and single hyphens, e.g. 'coping-with-cravings'")
    if kind == "string_too_long":
        return (f"{where}: is longer than {ctx.get('max_length', 0):,} characters; shorten it "
                "or split it into parts")
    if kind == "too_short" and "min_length" in ctx:
        return f"{where}: needs at least {ctx['min_length']} item(s)"
    if kind == "union_tag_invalid":
        choices = [c.strip(" '") for c in str(ctx.get("expected_tags", "")).split(",")]
        tag = str(ctx.get("tag"))
        return (f"{where}.type: '{tag}' is not a field type; use one of: {', '.join(choices)}"
                f"{did_you_mean(tag, choices)}")
    if kind == "union_tag_not_found":
        return f"{where}: missing required key 'type' (one of: text, scale, checklist, table)"
    if kind in ("greater_than_equal", "less_than_equal", "too_long"):
        return f"{where}: {error['msg'][0].lower()}{error['msg'][1:]}"
    if kind in _FRIENDLY:
        shown = error.get("input")
        got = f" (found {shown!r})" if shown is not None and not isinstance(shown, (dict, list)) else ""
        if len(got) > 80:
            got = ""  # a long text is not worth echoing
        return f"{where}: {_FRIENDLY[kind]}{got}"
    return f"{where}: {error['msg']}"


def problems_from_validation_error(err: ValidationError, model: type[BaseModel],
                                   doc: YamlDocument) -> list[Problem]:
    problems = []
    for error in err.errors():
        data_path, parent = resolve_location(model, tuple(error["loc"]))
        if error["type"] == "extra_forbidden":
            line, col = doc.key_position(data_path)
        elif error["type"] == "missing":
            line, col = doc.position_of(data_path[:-1])
        elif error["type"] == "union_tag_invalid":
            line, col = doc.position_of(data_path + ("type",))
        else:
            line, col = doc.position_of(data_path)
        problems.append(Problem(doc.path, line, col, _message(error, data_path, parent)))
    return problems
