"""`iopkit schema`: JSON Schemas for every kind of curriculum file, from the model.

Editors' YAML extensions read them (each shipped file starts with a
`# yaml-language-server: $schema=...` line) for autocompletion and inline errors.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ..content.model import Module, Program, Session, Track, Worksheet

SCHEMA_DIR = "schemas"
FILE_KINDS: dict[str, type[BaseModel]] = {
    "program": Program, "module": Module, "session": Session, "worksheet": Worksheet,
    "track": Track,
}


class PlainJsonSchema(GenerateJsonSchema):
    """JSON Schema 2020-12 and nothing else.

    Pydantic adds OpenAPI's `discriminator` to a tagged union (the worksheet's field types);
    it is no JSON Schema keyword, and strict validators (Ajv in strict mode) refuse the
    schema. The union's `oneOf` alone says the same: each choice fixes its own `type`.
    """

    def tagged_union_schema(self, schema: core_schema.TaggedUnionSchema) -> JsonSchemaValue:
        generated = super().tagged_union_schema(schema)
        generated.pop("discriminator", None)
        return generated


def schema_for(kind: str) -> dict:
    schema = FILE_KINDS[kind].model_json_schema(schema_generator=PlainJsonSchema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for kind in FILE_KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


def schema_line(kind: str, file: Path, root: Path) -> str:
    """The first line of a YAML file of this kind: where its schema is, relative to it."""
    relative = Path(*[".."] * (len(file.relative_to(root).parts) - 1), SCHEMA_DIR,
                    f"{kind}.schema.json")
    return f"# yaml-language-server: $schema={relative.as_posix()}"


def kind_of(rel_path: str) -> str | None:
    """Which kind of curriculum file a path (relative to the root) holds, if any."""
    parts = rel_path.split("/")
    if rel_path == "curriculum/program.yml":
        return "program"
    if parts[:2] == ["curriculum", "tracks"] and len(parts) == 3:
        return "track"
    if parts[0] == "modules" and len(parts) == 3:
        return "module" if parts[2] == "module.yml" else "session"
    if parts[0] == "modules" and len(parts) == 4 and parts[2] == "worksheets":
        return "worksheet"
    return None
