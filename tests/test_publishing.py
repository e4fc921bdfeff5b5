"""What gets published: JSON Schemas any strict validator accepts; hours as people read
them."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from jsonschema_specifications import REGISTRY

from helpers import REPO
from iopkit.content.validate import load_curriculum
from iopkit.editing.schema import FILE_KINDS, schema_for
from iopkit.site.render import hours, render_site

# --- JSON Schemas: plain JSON Schema 2020-12 ------------------------------------------------

def _vocabulary_2020_12() -> set[str]:
    """Every keyword of JSON Schema 2020-12, from its own meta-schemas (one per vocabulary)."""
    top = REGISTRY["https://json-schema.org/draft/2020-12/schema"].contents
    return {keyword for vocabulary in top["$vocabulary"]
            for keyword in REGISTRY[vocabulary.replace("/vocab/", "/meta/")].contents["properties"]}


VOCABULARY = _vocabulary_2020_12()
# Where a keyword's value holds schemas, rather than data (enum, const, default, examples).
NAMED_SUBSCHEMAS = {"$defs", "properties", "patternProperties", "dependentSchemas"}
LISTED_SUBSCHEMAS = {"allOf", "anyOf", "oneOf", "prefixItems"}
ONE_SUBSCHEMA = {"items", "additionalProperties", "not", "if", "then", "else", "contains",
                 "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"}


def unknown_keywords(schema: object, where: str = "#") -> list[str]:
    """Keywords outside JSON Schema 2020-12, each with its JSON Pointer."""
    if not isinstance(schema, dict):  # true and false are schemas too
        return []
    found = [f"{where}/{key}" for key in schema if key not in VOCABULARY]
    for key, value in schema.items():
        if key in NAMED_SUBSCHEMAS:
            for name, sub in value.items():
                found += unknown_keywords(sub, f"{where}/{key}/{name}")
        elif key in LISTED_SUBSCHEMAS:
            for index, sub in enumerate(value):
                found += unknown_keywords(sub, f"{where}/{key}/{index}")
        elif key in ONE_SUBSCHEMA:
            found += unknown_keywords(value, f"{where}/{key}")
    return found


def test_the_vocabulary_is_json_schema_2020_12_and_the_walk_finds_a_stray_keyword():
    assert {"$ref", "$defs", "oneOf", "properties", "const", "title"} <= VOCABULARY
    assert "discriminator" not in VOCABULARY and "definitions" not in VOCABULARY
    planted = {"$defs": {"Field": {"oneOf": [{"type": "string"}], "discriminator": {}}}}
    assert unknown_keywords(planted) == ["#/$defs/Field/discriminator"]


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_schemas_use_only_json_schema_2020_12_keywords(kind):
    committed = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text())
    assert unknown_keywords(committed) == []
    assert unknown_keywords(schema_for(kind)) == []
    Draft202012Validator.check_schema(committed)


def test_worksheet_field_types_are_still_told_apart_by_one_of():
    schema = schema_for("worksheet")
    choices = schema["properties"]["fields"]["items"]["oneOf"]
    assert [choice["$ref"] for choice in choices] == [
        "#/$defs/TextField", "#/$defs/ScaleField", "#/$defs/ChecklistField", "#/$defs/TableField"]
    validator = Draft202012Validator(schema)
    scale = {"id": "urge", "label": "How strong is the urge?", "type": "scale",
             "low": "No urge", "high": "The strongest urge"}
    worksheet = {"id": "urges", "title": "Urges", "instructions": "Rate it.", "fields": [scale]}
    assert list(validator.iter_errors(worksheet)) == []
    slider = {**worksheet, "fields": [{**scale, "type": "slider"}]}
    assert list(validator.iter_errors(slider)) != []


# --- hours as people read them ---------------------------------------------------------------

@pytest.mark.parametrize(("value", "shown"), [
    (620 / 60, "10.3"), (675 / 60, "11.3"), (10.0, "10"), (9, "9"), (585 / 60, "9.8"),
    (10.96, "11"),
])
def test_hours_show_at_most_one_decimal_place(value, shown):
    assert hours(value) == shown


def test_a_track_of_ten_and_a_third_hours_reads_10_3_on_its_page(project):
    # Monday and Wednesday 205 minutes of groups, Friday 210: 620 minutes, 10.333... hours.
    days = {"monday": 130, "wednesday": 130, "friday": 135}
    lines = ["id: week", 'title: "Test week"', 'description: "For tests."',
             'what_to_bring: ["A pen"]', "weeks:", "  - week: 1", "    days:"]
    for day, group_minutes in days.items():
        lines += [f"      - day: {day}", "        blocks:",
                  '          - { start: "09:00", minutes: 15, kind: check-in }',
                  '          - { start: "09:15", minutes: 60, kind: session, session: breathing }',
                  f'          - {{ start: "10:15", minutes: {group_minutes}, kind: process-group }}']
    (project / "curriculum/tracks").mkdir()
    (project / "curriculum/tracks/week.yml").write_text("\n".join(lines) + "\n")
    curriculum, problems = load_curriculum(project)
    assert [p for p in problems if p.severity == "error"] == []
    page = render_site(curriculum, "facilitator").pages["tracks/week.md"]
    assert "Hours of groups this week: 10.3\n" in page
    assert "**Hours of groups a week:** 10.3 (breaks not counted;" in page
    assert "program range 9 to 19)" in page
    assert "10.33" not in page
