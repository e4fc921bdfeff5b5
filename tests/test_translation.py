"""Translation as data: `iopkit i18n extract` writes every client-facing string to a gettext
template, `iopkit i18n update` merges it into each language's PO file, and a changed English
sentence turns its translation fuzzy. Facilitator-only text is never extracted."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po, write_po

from helpers import FIXTURES, edit, make_project, run_iopkit
from iopkit.content.text_fields import text_blocks
from iopkit.content.validate import load_curriculum

SESSION = "modules/calm-skills/01-noticing-stress.yml"
KEY_POINT = "Stress shows up in your body first."
LANGUAGES = '\nlanguages:\n  - { code: es, name: "Español" }\n'


@pytest.fixture
def program(tmp_path):
    root = make_project(tmp_path / "with-languages", FIXTURES / "program")
    with (root / "curriculum/program.yml").open("a") as file:
        file.write(LANGUAGES)
    return root


def catalog_of(path, locale=None):
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def i18n(root, *args: str) -> str:
    result = run_iopkit(root, "i18n", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_extract_collects_client_text_with_where_it_is_written(program):
    assert "client-facing strings" in i18n(program, "extract")
    template = catalog_of(program / "locale/workbook.pot")
    line = (program / SESSION).read_text().splitlines().index(f'    - "{KEY_POINT}"') + 1
    message = template.get(KEY_POINT, f"{SESSION}:client.key_points.0")
    assert message is not None and message.locations == [(SESSION, line)]
    ids = {m.id for m in template if m.id}
    assert "Noticing stress" in ids  # a session title
    assert any(m.context == "curriculum/workbook/about.md" for m in template)  # a page block
    assert not {"988", "911", "1-800-662-4357"} & ids  # contact numbers are not words


def test_no_facilitator_text_is_ever_extracted(program):
    i18n(program, "extract")
    ids = {m.id for m in catalog_of(program / "locale/workbook.pot") if m.id}
    curriculum, _ = load_curriculum(program)
    staff_only = [curriculum.program.local_facts.reporting_rules]
    for module in curriculum.modules:
        staff_only.append(module.module.summary)
        for entry in module.sessions:
            staff_only += text_blocks(entry.session.facilitator)
    leaked = [text for text in staff_only if text in ids]
    assert len(staff_only) > 50 and not leaked, leaked


def test_a_changed_sentence_turns_its_translation_fuzzy(program):
    i18n(program, "extract")
    assert "es.po: " in i18n(program, "update")
    po = program / "locale/es.po"
    catalog = catalog_of(po, "es")
    catalog.get(KEY_POINT, f"{SESSION}:client.key_points.0").string = \
        "Tu cuerpo suele avisarte del estrés antes que tu mente."
    with po.open("wb") as file:
        write_po(file, catalog)

    changed = "Stress often shows up in your body first."
    edit(program, SESSION, KEY_POINT, changed)
    i18n(program, "extract")
    report = i18n(program, "update")
    assert ", 1 fuzzy (English changed: check them)" in report
    message = catalog_of(po, "es").get(changed, f"{SESSION}:client.key_points.0")
    assert message.fuzzy
    assert f'#, fuzzy\n#| msgid "{KEY_POINT}"\nmsgctxt "{SESSION}:client.key_points.0"\nmsgid ' \
           f'"{changed}"' in po.read_text()  # translators see the English it was made from
    assert message.string == "Tu cuerpo suele avisarte del estrés antes que tu mente."
    assert catalog_of(po, "es").get(KEY_POINT, f"{SESSION}:client.key_points.0") is None


def test_gettext_checks_the_files_it_would_compile(program):
    if shutil.which("msgfmt") is None:
        if os.environ.get("CI") == "true":  # .ci/run installs gettext
            pytest.fail("msgfmt (GNU gettext) is missing")
        pytest.skip("msgfmt (GNU gettext) is not installed")
    i18n(program, "extract")
    i18n(program, "update")
    for name in ("workbook.pot", "es.po"):
        result = subprocess.run(["msgfmt", "--check", "-o", os.devnull,
                                 str(program / "locale" / name)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_update_names_what_is_missing(program, project):
    result = run_iopkit(project, "i18n", "update")  # the minimal fixture lists no languages
    assert result.returncode == 1
    assert "add `languages: [{code: es, name: \"Español\"}]` to curriculum/program.yml" \
        in result.stderr
    result = run_iopkit(program, "i18n", "update", "--lang", "fr")
    assert result.returncode == 1
    assert "fr is not in program.yml's languages (es); add it there first" in result.stderr


HARD = ("Considerando las circunstancias particularmente complicadas, resulta imprescindible "
        "desarrollar estrategias individualizadas, metodológicamente fundamentadas y "
        "sistemáticamente evaluadas para gestionar adecuadamente las manifestaciones fisiológicas.")
EASY = "Su cuerpo le avisa. Respire despacio. Hable con alguien."


def translate_session(root, text: str) -> None:
    """Fill every translation of the session's client text and its worksheet with `text`."""
    po = root / "locale/es.po"
    catalog = catalog_of(po, "es")
    for message in catalog:
        if message.id and (message.context or "").startswith(
                (f"{SESSION}:client.", "modules/calm-skills/worksheets/stress-check.yml")):
            message.string = text
    with po.open("wb") as file:
        write_po(file, catalog)


def lint_findings(root) -> list[str]:
    result = run_iopkit(root, "lint")
    return [line for line in result.stdout.splitlines() + result.stderr.splitlines()
            if line.startswith("locale/")]


def test_lint_reads_spanish_with_a_spanish_formula_and_checks_its_wording(program):
    i18n(program, "extract")
    i18n(program, "update")
    assert lint_findings(program) == []  # nothing translated yet: nothing to judge
    translate_session(program, HARD)
    reading = next(m for m in catalog_of(program / "locale/es.po", "es")
                   if m.context == f"{SESSION}:client.reading")
    findings = lint_findings(program)
    assert len(findings) == 1 and findings[0].startswith(
        f"locale/es.po:{reading.lineno}:1: [translated-reading-ease] the Español text of "
        "session noticing-stress has a reading ease of ")
    translate_session(program, EASY + " Un adicto también puede pedir ayuda.")
    assert [f.split(": ", 1)[1] for f in lint_findings(program)][:1] == [
        "[person-first] 'adicto' is not person-first wording; write 'persona con un trastorno "
        "por consumo de sustancias' instead (quote a person's own words in double quotes)"]
    translate_session(program, EASY)
    assert lint_findings(program) == []


def fill_all(root, text: str = "Texto en español.") -> None:
    po = root / "locale/es.po"
    catalog = catalog_of(po, "es")
    for message in catalog:
        if message.id:
            message.string = text
    with po.open("wb") as file:
        write_po(file, catalog)


def test_a_language_is_complete_or_validate_says_what_is_missing(program):
    result = run_iopkit(program, "validate")
    assert result.returncode == 1
    assert ("curriculum/program.yml: Español (es) has no translation file locale/es.po: run "
            "`iopkit i18n extract && iopkit i18n update`") in result.stderr
    i18n(program, "extract")
    i18n(program, "update")
    fill_all(program)
    assert run_iopkit(program, "validate").returncode == 0  # complete: publishable

    changed = "Stress often shows up in your body first."
    edit(program, SESSION, KEY_POINT, changed)
    result = run_iopkit(program, "validate")  # not yet extracted: no entry for the new English
    assert result.returncode == 1
    line = (program / SESSION).read_text().splitlines().index(f'    - "{changed}"') + 1
    assert (f"locale/es.po:1:1: no entry for the English at {SESSION}:{line}; run `iopkit "
            "i18n extract && iopkit i18n update`, then translate it") in result.stderr
    i18n(program, "extract")
    i18n(program, "update")
    result = run_iopkit(program, "validate")  # the entry is fuzzy until re-translated
    assert result.returncode == 1
    entry = catalog_of(program / "locale/es.po", "es").get(changed,
                                                           f"{SESSION}:client.key_points.0")
    assert (f"locale/es.po:{entry.lineno}:1: changed since it was translated (fuzzy): the "
            f"English at {SESSION}:{line}") in result.stderr

    edit(program, "curriculum/program.yml", 'name: "Español" }', 'name: "Español", draft: true }')
    result = run_iopkit(program, "validate")  # a draft language: warned, not refused
    assert result.returncode == 0 and "warning: changed since it was translated" in result.stdout
