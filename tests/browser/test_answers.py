"""A client's answers outlive the browser, the curriculum's edits and other programs: a saved
copy restores them (and refuses what is not one), answers whose field changed show as
"Earlier answers", two programs on one web address never mix answers, answers of the old key
format move into their program, a reminder asks for a copy, and the workbook opens offline
after one visit. On the fixture program, in Chromium."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import PHONE, build_site, edit, make_project, start_server, url_of
from iopkit.site.registry import site_for

PAGE = "coping-basics/breathing.html"
WORKSHEET = "modules/coping-basics/worksheets/breathing-log.yml"
PROGRAM = "curriculum/program.yml"
KEYS = "Object.keys(localStorage).filter(k => k.startsWith('iopkit:')).sort()"


def build_workbook(project: Path, out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    return build_site(project, site_for("client"), out)


@pytest.fixture
def program(tmp_path):
    """A fixture program's workbook served at /one/ (a second may go at /two/)."""
    root = tmp_path / "served"
    project = make_project(tmp_path / "project")
    build_workbook(project, root / "one")
    server = start_server(root)
    yield project, root, url_of(server)
    server.shutdown()


@pytest.fixture
def phone(browser):
    # No service worker: it serves a page from its copy until a new version is installed,
    # so a reload right after a rebuild could show the old page (the offline test below
    # has its own context, with one).
    context = browser.new_context(viewport=PHONE, accept_downloads=True,
                                  service_workers="block")
    page = context.new_page()
    yield page
    context.close()


def fill_two_worksheets(page) -> None:
    form = page.locator('form[data-worksheet="breathing-log"]')
    form.locator('[data-field="when"] textarea').fill("Before work")
    form.locator('[data-field="stress-before"] input[value="6"]').check()
    page.locator('form[data-worksheet="practice--breathing"] input[value="0"]').check()


def save_copy(page, tmp_path) -> dict:
    with page.expect_download() as download:
        page.locator('[data-action="save-copy"]').first.click()
    path = tmp_path / "copy.json"
    download.value.save_as(path)
    return json.loads(path.read_text())


def restore(page, tmp_path, copy: object | str) -> str:
    path = tmp_path / "restore.json"
    path.write_text(copy if isinstance(copy, str) else json.dumps(copy))
    page.locator('[data-action="restore-copy"]').first.set_input_files(str(path))
    status = page.locator("[data-answer-status]").first
    status.filter(has_text=".").wait_for()
    return status.inner_text()


def test_a_saved_copy_brings_back_every_answer_after_erase_all(phone, program, tmp_path):
    _, _, base = program
    phone.goto(base + "one/" + PAGE)
    fill_two_worksheets(phone)
    copy = save_copy(phone, tmp_path)
    assert copy["format"] == "iopkit-answers" and copy["version"] == 1
    assert copy["program"] == "fixture-program"
    assert sorted((a["worksheet"], a["field"]) for a in copy["answers"]) == [
        ("breathing-log", "stress-before"), ("breathing-log", "when"),
        ("practice--breathing", "done")]
    phone.goto(base + "one/index.html")
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.locator("[data-erase-all]").click()
    assert phone.evaluate(KEYS) == []
    assert "Restored 3 answer(s)." in restore(phone, tmp_path, copy)
    phone.goto(base + "one/" + PAGE)
    form = phone.locator('form[data-worksheet="breathing-log"]')
    assert form.locator('[data-field="when"] textarea').input_value() == "Before work"
    assert form.locator('[data-field="stress-before"] input[value="6"]').is_checked()
    assert phone.locator('form[data-worksheet="practice--breathing"] input[value="0"]').is_checked()


@pytest.mark.parametrize("bad, message", [
    (lambda copy: {**copy, "version": 99}, "a version this workbook cannot read"),
    (lambda copy: json.dumps(copy)[:40], "cut short"),
    (lambda copy: {"name": "something else", "items": [1, 2]}, "not a saved copy"),
    (lambda copy: {**copy, "program": "another-program", "programName": "Another IOP"},
     "belongs to another program's workbook (Another IOP)"),
])
def test_what_is_not_a_saved_copy_is_refused_and_nothing_changes(phone, program, tmp_path,
                                                                 bad, message):
    _, _, base = program
    phone.goto(base + "one/" + PAGE)
    fill_two_worksheets(phone)
    copy = save_copy(phone, tmp_path)
    before = phone.evaluate("JSON.stringify(Object.entries(localStorage).sort())")
    said = restore(phone, tmp_path, bad(copy))
    assert message in said and "Nothing was changed." in said
    assert phone.evaluate("JSON.stringify(Object.entries(localStorage).sort())") == before


def test_a_restore_keeps_the_newer_answer_and_says_so(phone, program, tmp_path):
    _, _, base = program
    phone.goto(base + "one/" + PAGE)
    fill_two_worksheets(phone)
    copy = save_copy(phone, tmp_path)
    when = next(a for a in copy["answers"] if a["field"] == "when")
    when["value"] = "An older answer"
    when["updated"] = "2020-01-01T00:00:00.000Z"
    stress = next(a for a in copy["answers"] if a["field"] == "stress-before")
    stress["value"] = "9"
    stress["updated"] = "2999-01-01T00:00:00.000Z"  # newer than the one on the device
    said = restore(phone, tmp_path, copy)
    assert "Restored 1 answer(s)." in said and "Kept 1 answer(s) on this device" in said
    form = phone.locator('form[data-worksheet="breathing-log"]')
    assert form.locator('[data-field="when"] textarea').input_value() == "Before work"
    assert form.locator('[data-field="stress-before"] input[value="9"]').is_checked()


def earlier_answers(page) -> list[str]:
    return [" ".join(t.split()) for t in
            page.locator("[data-earlier-answers] dt, [data-earlier-answers] dd .iop-earlier__value")
            .all_inner_texts()]


def answer_then_change_the_field(phone, program, new_field: str) -> None:
    """Type an answer, then rebuild the workbook with its field changed, and reload."""
    project, root, base = program
    phone.goto(base + "one/" + PAGE)
    phone.locator('[data-field="when"] textarea').fill("Before work")
    # Stored before the worksheet changes: else what follows tests nothing.
    phone.wait_for_function("""() => Object.keys(localStorage).some(
        k => k.endsWith(':breathing-log:when') && localStorage.getItem(k).includes('Before work'))""",
                            timeout=5_000)
    edit(project, WORKSHEET, '{ id: when, type: text, label: "When did you practise?" }',
         new_field)
    build_workbook(project, root / "one")
    phone.reload()


def test_an_answer_whose_field_was_renamed_is_kept_as_an_earlier_answer(phone, program):
    answer_then_change_the_field(
        phone, program, '{ id: when-and-where, type: text, label: "When and where?" }')
    base = program[2]
    assert phone.locator('[data-field="when-and-where"] textarea').input_value() == ""
    assert earlier_answers(phone) == ["When did you practise?", "Before work"]
    phone.goto(base + "one/my-answers.html")
    mine = phone.locator('[data-my-answers-sheet="breathing-log"]').inner_text()
    assert "Earlier answers" in mine and "When did you practise?" in mine and "Before work" in mine


def test_a_field_that_replaces_an_old_id_shows_its_answer(phone, program):
    answer_then_change_the_field(
        phone, program, '{ id: when-and-where, replaces: when, type: text, label: "When and where?" }')
    assert phone.locator('[data-field="when-and-where"] textarea').input_value() == "Before work"
    assert earlier_answers(phone) == []


def test_a_replaced_field_takes_its_answer_on_whatever_page_opens_first(phone, program):
    """The move happens on load of any page, not only the worksheet's own: the home page,
    which has no worksheet, moves it, and the worksheet's page then shows it."""
    project, root, base = program
    phone.goto(base + "one/" + PAGE)
    phone.locator('[data-field="when"] textarea').fill("Before work")
    edit(project, WORKSHEET, '{ id: when, type: text, label: "When did you practise?" }',
         '{ id: when-and-where, replaces: when, type: text, label: "When and where?" }')
    build_workbook(project, root / "one")
    phone.goto(base + "one/index.html")
    assert phone.evaluate(KEYS) == ["iopkit:v2:fixture-program:breathing-log:when-and-where"]
    moved = phone.evaluate("JSON.parse(localStorage.getItem("
                           "'iopkit:v2:fixture-program:breathing-log:when-and-where'))")
    assert moved["value"] == "Before work" and moved["label"] == "When and where?"
    phone.goto(base + "one/" + PAGE)
    assert phone.locator('[data-field="when-and-where"] textarea').input_value() == "Before work"


def test_a_page_keeps_answers_without_loading_every_worksheet(phone, program):
    """Every worksheet's list grows with the curriculum; a worksheet's page does without it
    (its forms say what it has) and still saves, restores and shows earlier answers."""
    _, _, base = program
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    phone.goto(base + "one/" + PAGE)
    fill_two_worksheets(phone)
    phone.reload()
    form = phone.locator('form[data-worksheet="breathing-log"]')
    assert form.locator('[data-field="when"] textarea').input_value() == "Before work"
    assert form.locator('[data-field="stress-before"] input[value="6"]').is_checked()
    assert phone.locator('form[data-worksheet="practice--breathing"] input[value="0"]').is_checked()
    assert earlier_answers(phone) == []
    assert not [url for url in requests if "iopkit-worksheets.js" in url]
    assert any("iopkit-workbook.js" in url for url in requests)


def test_my_answers_lists_every_worksheet_by_its_title_in_order(phone, program):
    _, _, base = program
    phone.goto(base + "one/" + PAGE)
    fill_two_worksheets(phone)
    phone.goto(base + "one/my-answers.html")
    sheets = phone.locator("[data-my-answers-sheet]")
    assert [sheets.nth(i).get_attribute("data-my-answers-sheet") for i in range(sheets.count())] == [
        "breathing-log", "practice--breathing"]
    title = phone.locator('[data-my-answers-sheet="breathing-log"] h2 a')
    assert title.inner_text() == "My breathing log"
    assert title.get_attribute("href").endswith("coping-basics/breathing.html")
    mine = phone.locator('[data-my-answers-sheet="breathing-log"]').inner_text()
    assert "When did you practise?" in mine and "Before work" in mine
    assert "Earlier answers" not in mine


def test_a_text_answer_survives_its_field_becoming_a_checklist(phone, program):
    answer_then_change_the_field(phone, program, '{ id: when, type: checklist, label: '
                                 '"When did you practice?", options: ["Morning", "Evening"] }')
    assert phone.locator('[data-field="when"] input[type=checkbox]').count() == 2, \
        "the reload did not show the rebuilt page"
    assert earlier_answers(phone) == ["When did you practise?", "Before work"]
    phone.locator('[data-field="when"] input[value="1"]').check()  # a new answer of the new kind
    phone.reload()
    assert phone.locator('[data-field="when"] input[value="1"]').is_checked()
    assert earlier_answers(phone) == ["When did you practise?", "Before work"]


def test_two_programs_on_one_address_never_mix_answers(phone, program):
    project, root, base = program
    edit(project, PROGRAM, "id: fixture-program", "id: second-program")
    build_workbook(project, root / "two")
    phone.goto(base + "one/" + PAGE)
    phone.locator('[data-field="when"] textarea').fill("Program one's answer")
    phone.goto(base + "two/" + PAGE)
    assert phone.locator('[data-field="when"] textarea').input_value() == ""
    phone.locator('[data-field="when"] textarea').fill("Program two's answer")
    phone.goto(base + "two/index.html")
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.locator("[data-erase-all]").click()
    phone.goto(base + "one/" + PAGE)
    assert phone.locator('[data-field="when"] textarea').input_value() == "Program one's answer"


def test_an_answer_saved_under_the_old_key_moves_into_its_program(phone, program):
    _, _, base = program
    phone.goto(base + "one/index.html")
    phone.evaluate("""() => {
        localStorage.setItem('iopkit:v1:breathing-log:when', JSON.stringify('From last year'));
        localStorage.setItem('iopkit:v1:other-programs-sheet:x', JSON.stringify('Not ours'));
    }""")
    phone.goto(base + "one/" + PAGE)
    assert phone.locator('[data-field="when"] textarea').input_value() == "From last year"
    assert phone.evaluate(KEYS) == ["iopkit:v1:other-programs-sheet:x",
                                    "iopkit:v2:fixture-program:breathing-log:when"]


def test_a_quiet_reminder_asks_for_a_copy_until_one_is_saved(phone, program, tmp_path):
    _, _, base = program
    phone.goto(base + "one/" + PAGE)
    reminder = phone.locator("[data-save-reminder]")
    assert reminder.count() == 0 or not reminder.is_visible()  # no answers, no reminder
    phone.locator('[data-field="when"] textarea').fill("Before work")
    assert reminder.is_visible()
    save_copy(phone, tmp_path)
    assert not reminder.is_visible()
    phone.reload()
    assert phone.locator("[data-save-reminder]").count() == 0


def test_after_one_visit_the_workbook_opens_with_the_server_stopped(browser, tmp_path):
    project = make_project(tmp_path / "project")
    out = build_workbook(project, tmp_path / "served")
    server = start_server(out)
    base = url_of(server)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + "index.html")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null || "
                           "navigator.serviceWorker.ready.then(() => true)", timeout=20_000)
    page.evaluate("() => navigator.serviceWorker.ready")
    server.shutdown()
    server.server_close()
    page.goto(base + PAGE)
    assert page.locator("h1").first.inner_text().startswith("Slow breathing")
    page.goto(base + "index.html")
    assert "Welcome to your workbook" in page.locator("h1").first.inner_text()
    context.close()
    assert [url for url in requests if not url.startswith(base)] == []
