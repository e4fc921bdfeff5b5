"""The workbook in another language: built beside the English one at workbook/<code>/ from
the PO file, complete or not at all (a draft only as a preview), with nothing staff-only in
its pages or its search index. (A made-up translation: the English with a mark after it.)"""

from __future__ import annotations

import json
import zipfile

import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURES, MARK, edit, make_project, run_iopkit, translate_for_tests
from iopkit.content.text_fields import text_blocks
from iopkit.content.validate import load_curriculum

SESSION = "calm-skills/noticing-stress.html"


@pytest.fixture(scope="module")
def spanish(tmp_path_factory):
    """The fixture program, translated, built: every site in project/site/."""
    root = make_project(tmp_path_factory.mktemp("spanish") / "project", FIXTURES / "program")
    translate_for_tests(root)
    result = run_iopkit(root, "build")
    assert result.returncode == 0, result.stderr
    assert "built workbook-es: " in result.stdout and "site/workbook/es/" in result.stdout
    return root


def page(root, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / path).read_text(encoding="utf-8"), "html.parser")


def test_the_spanish_workbook_is_a_whole_site_in_spanish(spanish):
    english, spanish_page = page(spanish, f"workbook/{SESSION}"), page(spanish, f"workbook/es/{SESSION}")
    assert spanish_page.html["lang"] == "es" and english.html["lang"] == "en"
    assert spanish_page.h1.get_text().strip("¶ \n") == "Noticing stress" + MARK  # content
    headings = [h.get_text(" ", strip=True) for h in spanish_page.select("article h2")]
    assert "Key points" + MARK in " ".join(headings)  # the template's own words
    assert spanish_page.select_one(".iop-crisis__title").get_text() == "Need help now?" + MARK
    every_page = {p.relative_to(spanish / "site/workbook").as_posix()
                  for p in (spanish / "site/workbook").rglob("*.html") if "es/" not in
                  p.relative_to(spanish / "site/workbook").as_posix()[:3]}
    spanish_pages = {p.relative_to(spanish / "site/workbook/es").as_posix()
                     for p in (spanish / "site/workbook/es").rglob("*.html")}
    assert every_page == spanish_pages  # every page a client has in English
    search = json.loads((spanish / "site/workbook/es/search/search_index.json").read_text())
    assert search["config"]["lang"] == ["es"]
    with zipfile.ZipFile(spanish / "site/workbook-es.zip") as handout:
        assert "es/index.html" in handout.namelist()


def test_each_workbook_keeps_only_the_search_language_files_it_loads(spanish):
    """lunr's thirty languages (900 KB) would reach every phone through the service worker;
    English loads none of them, Spanish its own (tests/browser/test_search.py)."""
    lunr = "assets/javascripts/lunr"
    assert not (spanish / "site/workbook" / lunr).exists()
    kept = sorted(p.name for p in (spanish / "site/workbook/es" / lunr).rglob("*") if p.is_file())
    assert kept == ["lunr.es.min.js", "lunr.stemmer.support.min.js"]
    for handout in ("workbook.zip", "workbook-es.zip"):
        with zipfile.ZipFile(spanish / "site" / handout) as files:
            assert not [name for name in files.namelist() if "wordcut" in name or "lunr.fr" in name]
    assert "/lunr/" not in (spanish / "site/workbook/sw.js").read_text(encoding="utf-8")


def test_every_page_links_to_itself_in_the_other_language(spanish):
    english = page(spanish, f"workbook/{SESSION}").select_one("[data-language-switch]")
    assert (english["href"], english.get_text()) == (f"../es/{SESSION}", "Español")
    back = page(spanish, f"workbook/es/{SESSION}").select_one("[data-language-switch]")
    assert (back["href"], back.get_text()) == (f"../../{SESSION}", "English")
    guide = page(spanish, f"facilitator/{SESSION}")
    assert guide.find("a", string="Español")["href"] == f"../../workbook/es/{SESSION}"


def test_nothing_staff_only_reaches_the_spanish_workbook_or_its_search(spanish):
    curriculum, _ = load_curriculum(spanish)
    staff_only = [text for m in curriculum.modules for e in m.sessions
                  for text in text_blocks(e.session.facilitator) if len(text) > 25]
    staff_only += [m.module.summary for m in curriculum.modules]
    assert len(staff_only) > 30
    site = spanish / "site/workbook/es"
    for path in list(site.rglob("*.html")) + list(site.rglob("search_index.*")):
        text = path.read_text(encoding="utf-8")
        leaked = [t for t in staff_only if t in text or (t + MARK) in text]
        assert not leaked, (path, leaked[:1])


@pytest.fixture
def translated(tmp_path):
    root = make_project(tmp_path / "project", FIXTURES / "program")
    translate_for_tests(root)
    return root


def test_an_incomplete_translation_is_not_built_and_says_what_is_missing(translated):
    changed = "Stress often shows up in your body first."
    edit(translated, "modules/calm-skills/01-noticing-stress.yml",
         "Stress shows up in your body first.", changed)
    for action in ("extract", "update"):
        run_iopkit(translated, "i18n", action)
    result = run_iopkit(translated, "build")
    assert result.returncode == 1
    assert "The Español workbook is not completely translated; nothing was built." in result.stderr
    assert "changed since it was translated (fuzzy): the English at " \
           "modules/calm-skills/01-noticing-stress.yml:" in result.stderr
    assert not (translated / "site").exists() or not any((translated / "site").iterdir())


def test_a_draft_language_is_left_out_of_a_build_and_previewed_with_a_banner(translated):
    edit(translated, "curriculum/program.yml", 'name: "Español", draft: false',
         'name: "Español", draft: true')
    (translated / "locale/es.po").write_text(
        (translated / "locale/es.po").read_text().replace(f"Noticing stress{MARK}", ""))
    result = run_iopkit(translated, "build")
    assert result.returncode == 0, result.stderr
    assert "workbook-es" not in result.stdout and not (translated / "site/workbook/es").exists()
    english = page(translated, f"workbook/{SESSION}")
    assert english.select_one("[data-language-switch]") is None  # no link to a draft
    result = run_iopkit(translated, "build", "--site", "workbook-es")  # a preview, asked for
    assert result.returncode == 0, result.stderr
    preview = page(translated, f"workbook/es/{SESSION}")
    assert "some text on this page is not translated yet" in preview.get_text()
    assert preview.h1.get_text().strip("¶ \n") == "Noticing stress"  # English where untranslated
