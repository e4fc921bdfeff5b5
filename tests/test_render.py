"""What each audience's pages hold, rendered from the fixture curricula."""

from __future__ import annotations

import json
import re

import pytest

from helpers import FIXTURES, run_iopkit
from iopkit.content.validate import load_curriculum
from iopkit.site.audience import select_audience
from iopkit.site.paths import link_to_other_site
from iopkit.site.render import clock, render_site

SESSION_PAGE = "coping-basics/breathing.md"


@pytest.fixture(scope="module")
def curriculum():
    return load_curriculum(FIXTURES / "minimal")[0]


@pytest.fixture(scope="module")
def guide(curriculum):
    return render_site(curriculum, "facilitator", other_site_url="../workbook/")


@pytest.fixture(scope="module")
def workbook(curriculum):
    return render_site(select_audience(curriculum, "client"), "client")


def test_clock_counts_hours_and_minutes():
    assert [clock(m) for m in (0, 10, 65, 120)] == ["0:00", "0:10", "1:05", "2:00"]


def test_facilitator_session_page_has_every_part_in_order(guide):
    page = guide.pages[SESSION_PAGE]
    headings = [re.sub(r" \{ #[a-z-]+ \}$", "", h) for h in re.findall(r"^## (.+)$", page, re.M)]
    assert headings == ["Objectives", "Agenda", "Check-in", "Talking points",
                        "Discussion questions", "Activity: Box breathing",
                        "Worksheet and practice", "Facilitator notes", "Adaptations",
                        "Check-out", "Fidelity checklist"]
    assert "!!! abstract \"At a glance\"" in page
    assert "**Time:** 60 minutes" in page
    assert "**Worksheets:** My breathing log" in page


def test_agenda_shows_a_running_clock(guide):
    rows = re.findall(r"^\| (\d:\d\d) \| *(\d*) *\|", guide.pages[SESSION_PAGE], re.M)
    assert rows == [("0:00", "10"), ("0:10", "15"), ("0:25", "25"), ("0:50", "10"), ("1:00", "")]


def test_guide_links_each_session_to_its_client_handout(guide):
    assert '<a href="../../workbook/coping-basics/breathing.html">' in guide.pages[SESSION_PAGE]
    assert link_to_other_site("index.md", "../workbook/", "index.md") == "../workbook/index.html"
    assert (link_to_other_site("a/b.md", "https://example.org/wb/", "a/b.md")
            == "https://example.org/wb/a/b.html")


def test_client_session_page_has_the_client_parts_and_a_form(workbook):
    page = workbook.pages[SESSION_PAGE]
    headings = re.findall(r"^## (.+?)(?: \{.*\})?$", page, re.M)
    assert headings == ["Reading", "Key points", "Worksheet: My breathing log",
                        "Practice this week", "Keep your answers", "Takeaways"]
    assert "What this session is for:</strong> Learn a slow way to breathe" in page
    assert '<form class="iop-worksheet" data-worksheet="breathing-log"' in page
    for field in ("when", "stress-before", "what-helped", "days"):
        assert f'data-field="{field}"' in page
    assert page.count('type="radio"') == 11  # a 0-10 scale


def test_every_form_control_has_a_label(workbook):
    page = workbook.pages[SESSION_PAGE]
    for control_id in re.findall(r'<textarea id="([^"]+)"', page):
        assert f'<label for="{control_id}">' in page
    for tag in re.findall(r'<input type="text"[^>]*>', page):
        assert "aria-label=" in tag


def test_both_sites_have_home_agreements_module_and_session_pages(guide, workbook):
    common = {"index.md", "group-agreements.md", "coping-basics/index.md", SESSION_PAGE}
    assert set(guide.pages) == common | {"safety-in-group.md"}
    # the fixture has a glossary
    assert set(workbook.pages) == common | {"first-group.md", "get-help.md", "glossary.md",
                                            "my-answers.md"}
    assert set(workbook.files) == {"crisis-contacts.vcf", "assets/iopkit-workbook.js",
                                   "assets/iopkit-worksheets.js", "manifest.webmanifest"}


def test_worksheet_text_is_html_escaped(curriculum):
    worksheet = curriculum.worksheets["breathing-log"].worksheet
    hostile = worksheet.model_copy(update={"title": 'Mine "<script>alert(1)</script>'})
    changed = curriculum.model_copy(update={"worksheets": {
        "breathing-log": curriculum.worksheets["breathing-log"].model_copy(
            update={"worksheet": hostile})}})
    page = render_site(select_audience(changed, "client"), "client").pages[SESSION_PAGE]
    assert "<script>" not in page.split("<form", 1)[1]
    assert 'aria-label="Mine &#34;&lt;script&gt;' in page


def test_export_json_keeps_its_contract(tmp_path):
    result = run_iopkit(FIXTURES / "minimal", "export", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"program", "modules", "worksheets", "tracks"}
    module = data["modules"][0]
    assert set(module) == {"id", "title", "focus_area", "source", "sessions"}
    assert module["source"] == "modules/coping-basics/module.yml"
    session = module["sessions"][0]
    assert set(session) == {"id", "title", "minutes", "source", "agenda", "worksheets",
                            "facilitator_only", "client"}
    assert session["source"] == "modules/coping-basics/01-breathing.yml"
    assert session["agenda"][0] == {"title": "Today's question", "minutes": 10,
                                    "kind": "discussion"}
    assert session["worksheets"] == ["breathing-log"]
    assert all(block.startswith("FACILITATOR-") or block in ("Slow breathing calms the body",
                                                             "Telehealth", "Box breathing")
               for block in session["facilitator_only"])
    assert len(session["facilitator_only"]) == 15  # a say line and its background are two
    assert session["client"][0] == "Learn a slow way to breathe that calms you down."
    assert data["worksheets"][0]["id"] == "breathing-log"


# --- the fixture program: every kind of note, every field type, a session without a worksheet

@pytest.fixture(scope="module")
def program():
    return load_curriculum(FIXTURES / "program")[0]


def test_each_kind_of_facilitator_note_is_its_own_box(program):
    page = render_site(program, "facilitator").pages["calm-skills/noticing-stress.md"]
    notes = page[page.index("## Facilitator notes"):page.index("## Adaptations")]
    assert re.findall(r'^!!! (\w+) "([^"]+)"$', notes, re.M) == [
        ("danger", "Safety"), ("note", "Trauma-informed practice"),
        ("warning", "If someone discloses use or risk"), ("tip", "Group process"),
        ("info", "Clinical note")]
    assert "    Panic symptoms can look like stress signs." in notes  # the note, inside its box


def test_a_worksheet_has_a_control_group_for_each_field_type(program):
    page = render_site(select_audience(program, "client"), "client").pages[
        "calm-skills/noticing-stress.md"]
    form = page[page.index('<form class="iop-worksheet" data-worksheet="stress-check"'):]
    form = form[:form.index("</form>")]
    assert re.findall(r'class="iop-field iop-field--(\w+)" data-field="([^"]+)"', form) == [
        ("text", "signs"), ("scale", "stress-level"), ("checklist", "what-helped"),
        ("table", "week-log")]
    assert '<textarea id="ws-stress-check--signs" name="signs" rows="4">' in form
    assert form.count('type="radio"') == 11 and form.count('type="checkbox"') == 3
    assert '<p class="iop-field__help">Tick all that helped.</p>' in form
    assert form.count('<th scope="col">') == 3 and form.count('<input type="text"') == 3 * 3
    assert 'aria-label="What I did, row 3"' in form


def test_a_session_without_worksheets_has_no_worksheet_parts(program):
    guide = render_site(program, "facilitator").pages["people-who-help/saying-no.md"]
    assert "**Worksheets:**" not in guide
    page = render_site(select_audience(program, "client"), "client").pages[
        "people-who-help/saying-no.md"]
    headings = re.findall(r"^## (.+?)(?: \{.*\})?$", page, re.M)
    assert headings == ["Reading", "Key points", "Practice this week", "Keep your answers",
                        "Takeaways"]
    # the practice list is the only form: ticks for this week, saved like a worksheet
    assert re.findall(r'data-worksheet="([^"]+)"', page) == ["practice--saying-no"]
