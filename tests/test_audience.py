"""The Client Workbook contains no facilitator-only text: not in HTML, search index,
sitemap or 404 page. Checked on the fixture program, on generated curricula, and shown
to catch a leak when one is planted. (tests/sample/ checks the shipped curriculum.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import iopkit.site.pipeline
from helpers import FIXTURES, build_site, make_project
from iopkit.content.model import Curriculum
from iopkit.content.text_fields import text_blocks
from iopkit.content.validate import load_curriculum
from iopkit.site.audience import select_audience
from iopkit.site.registry import site_for
from iopkit.site.render import render_site
from leaks import find_leaks, squash


def facilitator_blocks(curriculum: Curriculum) -> list[str]:
    return [block for m in curriculum.modules for s in m.sessions
            for block in text_blocks(s.session.facilitator)]


def client_visible_source(curriculum: Curriculum) -> str:
    """All text the workbook may show, to tell a shared phrase from a leak."""
    shared = text_blocks(curriculum.program) + text_blocks(list(curriculum.worksheets.values()))
    for module in curriculum.modules:
        shared += text_blocks(module.module)
        for entry in module.sessions:
            shared += text_blocks(entry.session.client) + [entry.session.title]
    return squash(" ".join(shared))


def hidden_facilitator_blocks(curriculum: Curriculum) -> list[str]:
    """Facilitator-only text blocks that appear nowhere in the client's material."""
    allowed = client_visible_source(curriculum)
    return [b for b in facilitator_blocks(curriculum) if squash(b) not in allowed]


@pytest.fixture(scope="module")
def program_sites(tmp_path_factory) -> tuple[Path, Path]:
    """Both sites of the fixture program (two tracks, three modules), built with --strict."""
    root = make_project(tmp_path_factory.mktemp("program") / "project", FIXTURES / "program")
    out = tmp_path_factory.mktemp("program-sites")
    return (build_site(root, site_for("facilitator"), out / "facilitator"),
            build_site(root, site_for("client"), out / "workbook"))


def test_workbook_has_no_facilitator_only_text(program_sites):
    curriculum, _ = load_curriculum(FIXTURES / "program")
    blocks = hidden_facilitator_blocks(curriculum)
    assert len(blocks) > 60, "the fixture program should have facilitator material to check"
    facilitator_site, workbook_site = program_sites
    for required in ("index.html", "404.html", "sitemap.xml", "search/search_index.json"):
        assert (workbook_site / required).is_file()
    assert find_leaks(workbook_site, blocks) == []
    # and the same check does see those blocks where they belong
    found = {block for block, _ in find_leaks(facilitator_site, blocks)}
    assert found == set(blocks)


def test_a_planted_leak_is_caught(tmp_path, monkeypatch):
    """If the audience filter let facilitator data through, the leak check would fail."""
    root = make_project(tmp_path / "project")
    curriculum, _ = load_curriculum(root)
    blocks = facilitator_blocks(curriculum)
    assert find_leaks(build_site(root, site_for("client"), tmp_path / "honest"), blocks) == []

    # Sabotage: the client site gets the facilitator's data and templates (and keeps its own
    # client-only pages and files, which its hand-written pages link to).
    def leaky_render(curriculum, audience, **kw):
        leaky = render_site(curriculum, "facilitator", **kw)
        honest = render_site(select_audience(curriculum, "client"), "client", **kw)
        leaky.pages = {**honest.pages, **leaky.pages}
        leaky.files = honest.files
        return leaky

    monkeypatch.setattr(iopkit.site.pipeline, "select_audience", lambda c, audience: c)
    monkeypatch.setattr(iopkit.site.pipeline, "render_site", leaky_render)
    leaks = find_leaks(build_site(root, site_for("client"), tmp_path / "leaky"), blocks)
    leaked_files = {name for _, name in leaks}
    assert {block for block, _ in leaks} == set(blocks)
    assert "search/search_index.json" in leaked_files
    assert "coping-basics/breathing.html" in leaked_files


# --- property: for any curriculum, the client render holds no facilitator-only text ----

# Facilitator text and client text come from different alphabets, so any facilitator
# string found in a client page can only have been copied there.
FAC_TEXT = st.text(alphabet="QXZJ 0123456789", min_size=6, max_size=40).filter(
    lambda s: len(s.strip()) >= 6 and len(set(s.strip())) > 2)
CLIENT_TEXT = st.text(alphabet="abcdefghiklmnoprstuvwy ,.", min_size=1, max_size=60).filter(
    lambda s: s.strip())


def _session_strategy(session_id: str):
    fac_list = st.lists(FAC_TEXT, min_size=1, max_size=3)
    return st.fixed_dictionaries({
        "id": st.just(session_id),
        "title": CLIENT_TEXT,
        "minutes": st.just(60),
        "objectives": st.lists(CLIENT_TEXT, min_size=1, max_size=2),
        "materials": st.lists(CLIENT_TEXT, min_size=1, max_size=2),
        "agenda": st.just([{"title": "Check-in", "minutes": 10, "kind": "check-in"},
                           {"title": "Teach", "minutes": 40, "kind": "teach"},
                           {"title": "Check-out", "minutes": 10, "kind": "check-out"}]),
        "worksheets": st.just([]),
        "facilitator": st.fixed_dictionaries({
            "check_in": FAC_TEXT,
            "talking_points": st.lists(st.fixed_dictionaries(
                {"title": FAC_TEXT, "say": st.lists(FAC_TEXT, min_size=1, max_size=2),
                 "background": FAC_TEXT}),
                                       min_size=1, max_size=3),
            "discussion": st.lists(st.fixed_dictionaries({"question": FAC_TEXT, "probes": fac_list}),
                                   min_size=1, max_size=3),
            "activity": st.fixed_dictionaries({"title": FAC_TEXT, "purpose": FAC_TEXT,
                                               "steps": st.lists(FAC_TEXT, min_size=2, max_size=4)}),
            "notes": st.lists(st.fixed_dictionaries({
                "kind": st.sampled_from(["safety", "trauma-informed", "disclosure", "group", "clinical"]),
                "text": FAC_TEXT}), min_size=1, max_size=3),
            "adaptations": st.lists(st.fixed_dictionaries({"title": FAC_TEXT, "text": FAC_TEXT}),
                                    min_size=1, max_size=2),
            "fidelity_checklist": fac_list,
            "check_out": FAC_TEXT,
        }),
        "client": st.fixed_dictionaries({
            "purpose": CLIENT_TEXT, "reading": CLIENT_TEXT,
            "key_points": st.lists(CLIENT_TEXT, min_size=1, max_size=3),
            "practice": st.lists(CLIENT_TEXT, min_size=1, max_size=2),
            "takeaways": st.lists(CLIENT_TEXT, min_size=1, max_size=2),
        }),
    })


@st.composite
def curricula(draw) -> Curriculum:
    base, _ = load_curriculum(FIXTURES / "minimal")
    count = draw(st.integers(min_value=1, max_value=4))
    sessions = [draw(_session_strategy(f"session-{i}")) for i in range(count)]
    module = base.modules[0]
    entries = [module.sessions[0].model_copy(update={
        "session": type(module.sessions[0].session).model_validate(data),
        "source": f"modules/{module.module.id}/{i + 1:02d}-{data['id']}.yml"})
        for i, data in enumerate(sessions)]
    return base.model_copy(update={"modules": [module.model_copy(update={"sessions": entries})]})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(curricula())
def test_client_pages_never_contain_facilitator_text(curriculum):
    def words(text: str) -> str:  # Markdown and HTML may reflow whitespace
        return " ".join(text.split())

    site = render_site(select_audience(curriculum, "client"), "client")
    pages = words("\n".join(site.pages.values()) + repr(site.nav))
    for block in facilitator_blocks(curriculum):
        assert words(block) not in pages
    # ...while the facilitator render holds every one of them
    guide = words("\n".join(render_site(curriculum, "facilitator").pages.values()))
    assert all(words(block) in guide for block in facilitator_blocks(curriculum))


def test_workbook_search_index_is_lean_and_the_guide_keeps_full_text(program_sites):
    import json
    facilitator_site, workbook_site = program_sites
    workbook = json.loads((workbook_site / "search/search_index.json").read_text())
    guide = json.loads((facilitator_site / "search/search_index.json").read_text())
    sections = [d for d in workbook["docs"] if "#" in d["location"]]
    assert sections and all(d["text"] == "" for d in sections)
    purposes = [d["text"] for d in workbook["docs"] if d["location"].endswith(
        "calm-skills/slowing-down.html")]
    assert purposes == ["What this session is for: Practise two ways to slow down when life "
                        "feels fast."]
    assert any(len(d["text"]) > 1000 for d in guide["docs"])
    notes = next(d["text"] for d in guide["docs"]
                 if d["location"] == "calm-skills/noticing-stress.html#facilitator-notes")
    assert "follow the program's risk protocol" in notes and "call for help" in notes
    assert (workbook_site / "search/search_index.json").stat().st_size < 60_000
    # the offline copy carries the same lean index
    assert (workbook_site / "search/search_index.js").read_text().startswith("var __index = ")


def test_the_workbook_index_is_the_same_when_search_reads_only_what_it_keeps(
        program_sites, tmp_path, monkeypatch):
    """Material's search plugin is handed each workbook page's title, opening text and
    headings only (indexed_html), not the whole page: the index is the one it makes from
    whole pages, byte for byte."""
    from iopkit.build import mkdocs_plugin
    _, workbook_site = program_sites
    handed: list[int] = []
    monkeypatch.setattr(mkdocs_plugin, "indexed_html",
                        lambda html: handed.append(len(html)) or html)
    root = make_project(tmp_path / "project", FIXTURES / "program")
    whole = build_site(root, site_for("client"), tmp_path / "whole")
    assert handed, "the search plugin was not handed the pages through iopkit"
    assert ((whole / "search/search_index.json").read_bytes()
            == (workbook_site / "search/search_index.json").read_bytes())
    page = (workbook_site / "calm-skills/noticing-stress.html").read_text()
    article = page[page.index("<article"):page.index("</article>")]
    from iopkit.protection.search_index import indexed_html
    assert len(indexed_html(article)) < len(article) / 2
