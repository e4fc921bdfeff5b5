"""The shipped curriculum's built Client Workbook holds none of its facilitator-only text:
not in HTML, search index, sitemap or 404 page."""

from __future__ import annotations

from helpers import REPO
from iopkit.content.validate import load_curriculum
from leaks import find_leaks
from test_audience import hidden_facilitator_blocks


def test_real_workbook_has_no_facilitator_only_text(real_sites):
    curriculum, _ = load_curriculum(REPO)
    blocks = hidden_facilitator_blocks(curriculum)
    assert len(blocks) > 20, "the real curriculum should have facilitator material to check"
    facilitator_site, workbook_site = real_sites / "facilitator", real_sites / "workbook"
    for required in ("index.html", "404.html", "sitemap.xml", "search/search_index.json"):
        assert (workbook_site / required).is_file()
    assert find_leaks(workbook_site, blocks) == []
    # and the same check does see those blocks where they belong
    found = {block for block, _ in find_leaks(facilitator_site, blocks)}
    assert found == set(blocks)
