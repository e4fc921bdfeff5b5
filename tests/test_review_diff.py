"""`iopkit diff BASE [HEAD]`: what a change does to the pages each audience reads, as a
clinical reviewer of a pull request needs it. Each test commits the fixture project, edits
it, and compares the working tree (or a second commit) with that commit."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from helpers import MARK, edit, run_iopkit, translate_for_tests
from iopkit.content.text_fields import text_blocks
from iopkit.content.validate import load_curriculum
from iopkit.editing.review_diff import review_diff
from iopkit.editing.review_format import as_data, as_markdown, as_text
from leaks import find_leaks

SESSION = "modules/coping-basics/01-breathing.yml"
PAGE = "coping-basics/breathing.md"


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
                           *args], cwd=project, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repo(project: Path) -> Path:
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "curriculum")
    return project


def client_sites(diff):
    return [site for site in diff.sites if site.audience == "client"]


def guide(diff):
    return next(site for site in diff.sites if site.audience == "facilitator")


def test_a_changed_reading_is_shown_to_clients_with_its_sentence_and_grade(repo):
    edit(repo, SESSION, "your body speeds up.",
         "your heart beats faster, your breathing quickens and your muscles tighten.")
    diff = review_diff(repo, "HEAD")
    assert diff.verdict == "clients: changed"
    [workbook] = client_sites(diff)
    assert [(p.path, p.status) for p in workbook.pages] == [(PAGE, "changed")]
    [change] = workbook.pages[0].blocks
    assert change.before == ("When you feel stress, your body speeds up. "
                             "Slow breathing helps it slow down.")
    assert ("delete", "body speeds up.") in change.words
    assert ("insert", "heart beats faster, your breathing quickens and your muscles "
                      "tighten.") in change.words
    assert change.readability_before is not None and change.readability_after is not None
    assert change.readability_after > change.readability_before  # a longer sentence
    text = as_text(diff)
    assert "[-body speeds up.-] {+heart beats faster," in text
    assert f"reading grade {change.readability_before:g} → {change.readability_after:g}" in text
    assert "~~body speeds up.~~ **heart beats faster," in as_markdown(diff)
    assert [(v.path, v.verdict) for v in diff.pages] == [(PAGE, "clients: changed")]


def test_a_changed_talking_point_is_for_facilitators_only(repo):
    edit(repo, SESSION, "slowly slows the heart.", "slowly tells the heart to slow down.")
    diff = review_diff(repo, "HEAD")
    assert diff.verdict == "facilitators only"
    assert all(not site.changed for site in client_sites(diff))
    [page] = guide(diff).pages
    assert page.path == PAGE
    assert [b.after for b in page.blocks] == ["FACILITATOR-TALKING breathing out slowly tells "
                                              "the heart to slow down."]
    assert [(v.path, v.verdict) for v in diff.pages] == [(PAGE, "facilitators only")]
    text = as_text(diff)
    client_part = text[text.index("Clients: Client Workbook"):text.index("Facilitators: Facilitator Guide")]
    assert "no change" in client_part and "FACILITATOR" not in client_part


def test_a_renamed_session_is_a_removed_and_an_added_page_with_the_menu_change(repo):
    renamed = "modules/coping-basics/01-slow-breathing.yml"
    (repo / SESSION).rename(repo / renamed)
    edit(repo, renamed, "id: breathing", "id: slow-breathing")
    edit(repo, renamed, 'title: "Slow breathing"', 'title: "Breathing slowly"')
    diff = review_diff(repo, "HEAD")
    [workbook] = client_sites(diff)
    statuses = {p.path: p.status for p in workbook.pages}
    assert statuses[PAGE] == "removed"
    assert statuses["coping-basics/slow-breathing.md"] == "added"
    assert workbook.nav is not None
    assert workbook.nav.removed == [("Coping basics › 1. Slow breathing", PAGE)]
    assert workbook.nav.added == [("Coping basics › 1. Breathing slowly",
                                   "coping-basics/slow-breathing.md")]
    text = as_text(diff)
    assert "- Coping basics › 1. Slow breathing (coping-basics/breathing.md)" in text
    assert "+ Coping basics › 1. Breathing slowly (coping-basics/slow-breathing.md)" in text


def test_a_new_todo_is_reported_as_a_new_lint_problem_and_a_fixed_one_as_fixed(repo):
    edit(repo, SESSION, "Try it for one minute.", "Try it for one minute. TODO say more.")
    git(repo, "commit", "-q", "-am", "draft")
    diff = review_diff(repo, "HEAD~1", "HEAD")
    assert diff.head.commit == git(repo, "rev-parse", "HEAD").strip()
    assert [p.message.split(";")[0] for p in diff.lint_introduced] == [
        "[placeholder] 'TODO' is a placeholder"]
    assert diff.lint_resolved == []
    assert "new:   modules/coping-basics/01-breathing.yml:" in as_text(diff)
    # ...and the other way round, it is fixed (lines moved above it do not matter)
    backwards = review_diff(repo, "HEAD", "HEAD~1")
    assert [p.message.split(";")[0] for p in backwards.lint_resolved] == [
        "[placeholder] 'TODO' is a placeholder"]
    assert backwards.lint_introduced == []


def test_no_change_and_a_change_no_reader_sees_are_no_visible_change(repo):
    assert review_diff(repo, "HEAD").verdict == "no visible change"
    result = run_iopkit(repo, "diff", "HEAD")
    assert result.returncode == 0, result.stderr
    assert "verdict: no visible change" in result.stdout
    # A YAML comment, or Markdown emphasis, changes no word a reader sees.
    edit(repo, SESSION, "  reading: |", "  # reworded in review\n  reading: |")
    edit(repo, SESSION, "Breathe out slowly.", "Breathe out *slowly*.")
    diff = review_diff(repo, "HEAD")
    assert diff.verdict == "no visible change"
    assert [(v.path, v.verdict) for v in diff.pages] == [(PAGE, "no visible change")]


def facilitator_only_blocks(root: Path) -> list[str]:
    curriculum, _ = load_curriculum(root)
    return [block for m in curriculum.modules for s in m.sessions
            for block in text_blocks(s.session.facilitator)]


def client_sections(diff) -> dict[str, str]:
    """The client part of each format, as a reviewer would read it."""
    text, markdown = as_text(diff), as_markdown(diff)
    data = as_data(diff)
    return {
        "client.txt": text[:text.index("Facilitators: Facilitator Guide")],
        "client.md": markdown[:markdown.index("### Facilitators: Facilitator Guide")],
        "client.json": json.dumps({"pages": data["pages"], "sites": [
            s for s in data["sites"] if s["audience"] == "client"]}),
    }


def test_the_client_section_never_quotes_facilitator_only_text(repo, tmp_path):
    """A change to client and facilitator text at once, and a new facilitator note: the
    client sections of all three formats hold none of the facilitator's text (checked as
    the built sites are, tests/leaks.py), while the guide's section shows it."""
    # The week's practice shows on both sites; the guide's copy is not repeated.
    edit(repo, SESSION, "one minute each morning.", "two minutes each morning.")
    edit(repo, SESSION, "slowly slows the heart.", "slowly calms the heart.")
    edit(repo, SESSION, "FACILITATOR-NOTE stop if anyone feels dizzy.",
         "FACILITATOR-NOTE stop if anyone feels dizzy or faint.")
    edit(repo, SESSION, '"FACILITATOR-PROBE where do you feel it?"',
         '"FACILITATOR-PROBE where do you feel it?", "FACILITATOR-NEWPROBE what helps?"')
    diff = review_diff(repo, "HEAD")
    assert diff.verdict == "clients: changed"
    blocks = facilitator_only_blocks(repo)
    sections = tmp_path / "sections"
    sections.mkdir()
    for name, text in client_sections(diff).items():
        (sections / name).write_text(text, encoding="utf-8")
    assert find_leaks(sections, blocks) == []
    # the check is not empty: the guide's section, in every format, shows the new text
    guide_part = tmp_path / "guide"
    guide_part.mkdir()
    (guide_part / "guide.txt").write_text(as_text(diff), encoding="utf-8")
    (guide_part / "guide.md").write_text(as_markdown(diff), encoding="utf-8")
    found = {block for block, _ in find_leaks(guide_part, blocks)}
    assert "FACILITATOR-NEWPROBE what helps?" in found
    assert "{+dizzy or faint.+}" in as_text(diff)[as_text(diff).index("Facilitators: Facilitator Guide"):]
    # the practice's change is shown for clients, and not again for facilitators
    assert "[-one minute-] {+two minutes+}" in client_sections(diff)["client.txt"]
    assert "[-one minute-] {+two minutes+}" not in as_text(diff).split("Facilitators: Facilitator Guide")[1]
    assert PAGE in guide(diff).also_client_pages


def test_json_output_parses_and_has_the_documented_shape(repo):
    edit(repo, SESSION, "your body speeds up.", "your body gets faster.")
    result = run_iopkit(repo, "diff", "HEAD", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"base", "head", "verdict", "pages", "sites", "lint", "base_errors",
                         "notes"}
    assert data["head"] == {"label": "working tree", "commit": None}
    assert data["verdict"] == "clients: changed"
    workbook = next(s for s in data["sites"] if s["site"] == "workbook")
    assert set(workbook) == {"site", "audience", "language", "language_name", "measure",
                             "pages", "nav", "also_client_pages"}
    [page] = workbook["pages"]
    assert set(page) == {"path", "title", "status", "readability", "blocks"}
    [block] = page["blocks"]
    assert set(block) == {"kind", "before", "after", "words", "readability"}
    assert ["insert", "gets faster."] in block["words"]
    assert set(data["lint"]) == {"introduced", "resolved"}


def test_markdown_fits_a_comment_when_asked(repo):
    edit(repo, SESSION, "your body speeds up.", "your body gets faster.")
    result = run_iopkit(repo, "diff", "HEAD", "--format", "markdown", "--max-chars", "300")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) <= 300
    assert "the job summary has all of it" in result.stdout


@pytest.mark.parametrize("args, says", [
    (["no-such-branch"], "iopkit diff: base: 'no-such-branch' is not a commit"),
    (["HEAD", "nope"], "iopkit diff: head: 'nope' is not a commit"),
])
def test_a_bad_revision_is_one_line_naming_the_side(repo, args, says):
    result = run_iopkit(repo, "diff", *args)
    assert result.returncode == 1
    assert result.stderr.startswith(says)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_base_without_a_curriculum_is_one_line(repo):
    (repo / "curriculum" / "program.yml").rename(repo / "program.yml.bak")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "no program")
    (repo / "program.yml.bak").rename(repo / "curriculum" / "program.yml")
    result = run_iopkit(repo, "diff", "HEAD")
    assert result.returncode == 1
    assert "base (HEAD (" in result.stderr and "has no curriculum/program.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_base_with_errors_is_reported_as_the_base(repo):
    edit(repo, SESSION, "minutes: 60", "minutes: sixty")
    git(repo, "commit", "-q", "-am", "broken")
    git(repo, "revert", "--no-edit", "HEAD")
    result = run_iopkit(repo, "diff", "HEAD~1")
    assert result.returncode == 0, result.stderr
    assert "The base (HEAD~1" in result.stdout and "Errors in the base:" in result.stdout
    assert SESSION in result.stdout
    # a head with errors: the command says so and fails
    edit(repo, SESSION, "minutes: 60", "minutes: sixty")
    result = run_iopkit(repo, "diff", "HEAD")
    assert result.returncode == 1
    assert "the head (working tree) has curriculum errors" in result.stderr


def test_a_changed_translation_is_shown_for_that_language_only_with_its_reading_ease(project):
    translate_for_tests(project)
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "curriculum in two languages")
    # the reading's last sentence, in the catalog as babel wraps it
    edit(project, "locale/es.po", f'Breathe out slowly. "\n"{MARK.strip()}"',
         'Suelta el aire despacio."')
    diff = review_diff(project, "HEAD")
    changed = {site.site: site for site in diff.sites if site.changed}
    assert list(changed) == ["workbook-es"]
    spanish = changed["workbook-es"]
    assert (spanish.language_name, spanish.measure) == ("Español", "reading ease")
    [page] = spanish.pages
    [block] = page.blocks
    assert block.words[-2:] == [("delete", f"Breathe out slowly.{MARK}"),
                                ("insert", "Suelta el aire despacio.")]
    assert block.readability_after is not None and block.readability_after > 0
    assert "Clients: Client Workbook (Español)" in as_text(diff)
    assert diff.pages[0].verdict == "clients: changed"
