"""Which of lunr's language files a workbook keeps: those Material's search worker loads
for the index's languages, which Material ships."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from iopkit.build.search_languages import LUNR_FOLDER, drop_unused_search_languages, needed_lunr_files

SHIPPED = Path(material.__file__).parent / "templates" / LUNR_FOLDER


def test_english_needs_none_and_another_language_its_own_and_the_stemmer():
    assert needed_lunr_files(["en"]) == set()
    assert needed_lunr_files(["es"]) == {"min/lunr.es.min.js", "min/lunr.stemmer.support.min.js"}
    assert needed_lunr_files(["en", "ja"]) == {
        "tinyseg.js", "min/lunr.ja.min.js", "min/lunr.multi.min.js",
        "min/lunr.stemmer.support.min.js"}
    assert "wordcut.js" in needed_lunr_files(["th"])


SHIPPED_LANGUAGES = sorted(path.name.split(".")[1] for path in SHIPPED.glob("min/lunr.*.min.js")
                           if path.name.split(".")[1] not in ("multi", "stemmer"))


def test_material_ships_lunr_s_languages_where_the_worker_looks():
    assert len(SHIPPED_LANGUAGES) > 20  # were the folder moved, the test below would check none


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_every_file_a_language_needs_is_one_material_ships(language):
    for name in needed_lunr_files(["en", language]):
        assert (SHIPPED / name).is_file(), f"{name} for {language}: not in Material's lunr folder"


def test_a_site_keeps_its_languages_files_and_loses_the_rest(tmp_path):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text('{"config": {"lang": ["es"]}, "docs": []}')
    for name in ("tinyseg.js", "wordcut.js", "min/lunr.es.min.js", "min/lunr.fr.min.js",
                 "min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"):
        (site / LUNR_FOLDER / name).parent.mkdir(parents=True, exist_ok=True)
        (site / LUNR_FOLDER / name).write_text("//")
    drop_unused_search_languages(site)
    kept = sorted(p.relative_to(site / LUNR_FOLDER).as_posix()
                  for p in (site / LUNR_FOLDER).rglob("*") if p.is_file())
    assert kept == ["min/lunr.es.min.js", "min/lunr.stemmer.support.min.js"]

    (site / "search" / "search_index.json").write_text('{"config": {"lang": ["en"]}, "docs": []}')
    drop_unused_search_languages(site)
    assert not (site / LUNR_FOLDER).exists()


def test_a_site_whose_index_it_cannot_read_keeps_every_file(tmp_path):
    site = tmp_path / "site"
    (site / LUNR_FOLDER).mkdir(parents=True)
    (site / LUNR_FOLDER / "wordcut.js").write_text("//")
    drop_unused_search_languages(site)  # no index at all
    assert (site / LUNR_FOLDER / "wordcut.js").is_file()
