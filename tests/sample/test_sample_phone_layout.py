"""The Client Workbook on a small, cheap phone: no page scrolls sideways, a table worksheet
becomes one card per row, the 0-10 scales fit, and crisis help stays in reach on every page.
Runs on the real curriculum, built as it is published."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

# Phones people in treatment carry: a small Android and a common iPhone-sized screen.
PHONES = {"360": {"width": 360, "height": 740}, "390": {"width": 390, "height": 844}}
TABLE_PAGE = "workbook/relapse-prevention/cravings-and-urge-surfing.html"  # rows "Row N", a scale
LABELLED_ROWS_PAGE = "workbook/life-skills/planning-your-week-and-money.html"  # Monday..Sunday
STICKY = "[data-crisis-sticky]"


@pytest.fixture(scope="module")
def workbook_alone_url(real_sites, serve):
    """The workbook at a site root, answering a missing page with its 404 page, whose links
    expect that when no site_url is set."""
    return serve(real_sites / "workbook", not_found="404.html")


@pytest.fixture(scope="module")
def workbook_pages(real_sites, published_url, workbook_alone_url) -> dict[str, str]:
    """Every page of the built workbook, by its path, and the URL to open it at."""
    root = real_sites / "workbook"
    pages = {}
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        if rel.endswith("/404.html"):  # another language's 404 page: served at its own root,
            continue  # as the workbook's is below, it looks the same (checked in English)
        if rel == "404.html":
            pages[rel] = workbook_alone_url + "no-such-page.html"
        else:
            pages[rel] = published_url + "workbook/" + rel
    assert len(pages) > 40 and "get-help.html" in pages and "404.html" in pages
    return pages


@pytest.fixture(scope="module", params=list(PHONES))
def phone_page(request, browser):
    """One browser page per phone size, reused by every test of this module."""
    context = browser.new_context(viewport=PHONES[request.param])
    page = context.new_page()
    yield page
    context.close()


# Where the sticky link is and what is under its centre. "Visible": rendered, not hidden.
STICKY_STATE = """(link) => {
    const r = link.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const top = document.elementFromPoint(x, y);
    return {
        visible: link.checkVisibility({visibilityProperty: true, opacityProperty: true}),
        inside: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
        onTop: top === link || link.contains(top),
        width: r.width, height: r.height,
    };
}"""

# One look at a page, in one round trip: how far it scrolls sideways; the sticky link at the
# top, middle and end of the page; and what it covers at the end: any text, link or field.
# (Its own strip, which ends the page, is what it sits on there. The navigation drawer is
# off screen on a phone until opened, and then above the link.)
LOOK = """(sticky) => {
    const state = """ + STICKY_STATE + """;
    const overflow = document.documentElement.scrollWidth - innerWidth;
    const links = document.querySelectorAll(sticky);
    if (links.length !== 1) return {overflow, links: links.length};
    const link = links[0], at = {};
    const end = () => document.documentElement.scrollHeight;
    for (const [where, y] of [['top', 0], ['middle', end() / 2], ['bottom', end()]]) {
        window.scrollTo({top: y, behavior: 'instant'});
        at[where] = state(link);
    }
    at.bottom.atEnd = Math.ceil(scrollY + innerHeight) >= end();
    const box = link.getBoundingClientRect();
    const hit = (r) => r.width > 0 && r.height > 0 && r.left < box.right && r.right > box.left
        && r.top < box.bottom && r.bottom > box.top;
    const shown = (el) => !link.contains(el) && !el.closest('.md-sidebar')
        && el.checkVisibility({visibilityProperty: true, opacityProperty: true});
    const covered = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim()) continue;
        range.selectNodeContents(node);
        if ([...range.getClientRects()].some(hit) && shown(node.parentElement)) {
            covered.push(node.textContent.trim().slice(0, 40));
        }
    }
    for (const field of document.querySelectorAll('input, textarea, select, button, a[href]')) {
        if (hit(field.getBoundingClientRect()) && shown(field)) {
            covered.push(field.outerHTML.slice(0, 60));
        }
    }
    return {overflow, links: 1, at, covered};
}"""


def test_no_page_scrolls_sideways_and_help_now_stays_in_reach(phone_page, workbook_pages):
    page = phone_page
    width = page.viewport_size["width"]
    problems = []
    for rel, url in workbook_pages.items():
        # the page as laid out once parsed: its styles and scripts are in by then; what
        # loads after (search) changes nothing here
        page.goto(url, wait_until="domcontentloaded")
        look = page.evaluate(LOOK, STICKY)
        if look["overflow"] > 0:
            problems.append(f"{rel}: {look['overflow']}px wider than the {width}px screen")
        if look["links"] != 1:
            problems.append(f"{rel}: {look['links']} {STICKY} links")
            continue
        for where, seen in look["at"].items():
            if not (seen["visible"] and seen["inside"] and seen["onTop"]):
                problems.append(f"{rel}: the help link at the {where} of the page: {seen}")
            if min(seen["width"], seen["height"]) < 24:
                problems.append(f"{rel}: the help link is smaller than 24px: {seen}")
        assert look["at"]["bottom"]["atEnd"], f"{rel}: did not scroll to the end"
        if look["covered"]:
            problems.append(f"{rel}: at the end of the page the help link covers {look['covered']}")
    assert problems == []


def test_the_help_link_is_named_leads_to_get_help_and_is_reached_by_keyboard(
        phone_page, workbook_pages):
    page = phone_page
    page.goto(workbook_pages["relapse-prevention/mapping-relapse-triggers.html"])
    link = page.get_by_role("link", name="Help now: 988")
    assert link.count() == 1 and link.get_attribute("data-crisis-sticky") is not None
    assert link.get_attribute("href").endswith("get-help.html")
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{STICKY}')"):
            break
    else:
        pytest.fail("Tab never reached the Help now link")
    assert link.evaluate(STICKY_STATE)["onTop"]  # in view and not covered once focused
    page.keyboard.press("Enter")
    page.wait_for_url("**/get-help.html")
    assert page.locator("h1").inner_text().startswith("Get help now")


def test_the_guide_has_no_crisis_help(phone_page, published_url):
    page = phone_page
    page.goto(published_url + "facilitator/index.html")
    assert page.locator(STICKY).count() == 0 and page.locator(".iop-crisis").count() == 0


def test_crisis_bar_is_a_named_section_and_keeps_each_number_on_one_line(
        phone_page, workbook_pages):
    page = phone_page
    page.goto(workbook_pages["index.html"])
    bar = page.locator("section.iop-crisis")
    assert bar.get_attribute("aria-label") == "Crisis help"
    assert page.locator('.iop-crisis[role="region"]').count() == 0
    assert bar.locator('a[href^="tel:"], a[href^="sms:"]').count() >= 5
    # The number in each link never breaks (the words before it may, in a longer language).
    numbers = bar.locator('a[href^="tel:"] .iop-crisis__number, a[href^="sms:"] .iop-crisis__number')
    assert numbers.count() >= 5
    lines = numbers.evaluate_all("""(links) => links.map((a) => {
        const style = getComputedStyle(a);
        const line = parseFloat(style.lineHeight) || 1.5 * parseFloat(style.fontSize);
        return {text: a.textContent, boxes: a.getClientRects().length,
                height: a.getBoundingClientRect().height, line};
    })""")
    broken = [n for n in lines if n["boxes"] != 1 or n["height"] > n["line"] + 1]
    assert broken == []
    assert any("1-800-662-4357" in n["text"] for n in lines)


def shown_rows(page, table) -> list[str]:
    """The text on screen in each body row of `table`, in order, generated text (CSS
    content: column names, "Row N") included: Chromium's layout, read over CDP."""
    table.evaluate("(t) => t.setAttribute('data-probe', '')")
    cdp = page.context.new_cdp_session(page)
    snapshot = cdp.send("DOMSnapshot.captureSnapshot", {"computedStyles": []})
    cdp.detach()
    table.evaluate("(t) => t.removeAttribute('data-probe')")
    strings, document = snapshot["strings"], snapshot["documents"][0]
    nodes, layout = document["nodes"], document["layout"]
    parent, name = nodes["parentIndex"], [strings[i] for i in nodes["nodeName"]]
    probe = {i for i, attributes in enumerate(nodes["attributes"])
             if "data-probe" in [strings[a] for a in attributes[::2]]}
    rows: dict[int, list[str]] = {}
    for node, text in zip(layout["nodeIndex"], layout["text"], strict=True):
        ancestors = []
        while node >= 0:
            ancestors.append(node)
            node = parent[node]
        in_body = any(name[i] == "TBODY" for i in ancestors) and probe & set(ancestors)
        if text >= 0 and strings[text].strip() and in_body:
            row = next(i for i in ancestors if name[i] == "TR")
            rows.setdefault(row, []).append(strings[text].strip())
    return [" ".join(texts) for _, texts in sorted(rows.items())]


# Each body row of a table field as laid out: a card, its boxes, each box's name.
CARDS = """(table) => {
    const columns = [...table.querySelectorAll('thead th[scope=col]')].map((th) => th.textContent);
    const rows = [...table.tBodies[0].rows].map((tr) => {
        const header = tr.querySelector('th[scope=row]');
        const cells = [...tr.querySelectorAll('td')].map((td) => {
            const input = td.querySelector('input');
            return {label: td.dataset.label, box: input.getBoundingClientRect().toJSON(),
                    room: input.getBoundingClientRect().top - td.getBoundingClientRect().top,
                    fontSize: parseFloat(getComputedStyle(td).fontSize),
                    aria: input.getAttribute('aria-label')};
        });
        const card = tr.getBoundingClientRect();
        return {header: header && header.textContent, cells, display: getComputedStyle(tr).display,
                left: card.left, right: card.right};
    });
    return {columns, rows, head: table.tHead.checkVisibility(),
            display: getComputedStyle(table).display};
}"""


@pytest.mark.parametrize("path,labelled", [(TABLE_PAGE, False), (LABELLED_ROWS_PAGE, True)])
def test_a_table_worksheet_is_one_card_per_row_on_a_phone(browser, published_url, path, labelled):
    context = browser.new_context(viewport=PHONES["390"])
    page = context.new_page()
    page.goto(published_url + path)
    table = page.locator(".iop-field--table table").first
    laid_out = table.evaluate(CARDS)
    columns = laid_out["columns"]
    assert laid_out["display"] == "block" and not laid_out["head"]
    on_screen = shown_rows(page, table)
    assert len(on_screen) == len(laid_out["rows"]) >= 2
    for number, (row, text) in enumerate(zip(laid_out["rows"], on_screen, strict=True), start=1):
        title = row["header"] if labelled else f"Row {number}"
        assert bool(row["header"]) == labelled
        # the card's title, then each column's name, as text on the screen
        assert text == " ".join([title, *columns])
        assert row["display"] == "block" and row["left"] >= 0 and row["right"] <= 390
        assert [cell["label"] for cell in row["cells"]] == columns
        previous_bottom = float("-inf")
        for cell, column in zip(row["cells"], columns, strict=True):
            # each box under its column's name, below the box before, wide and tall enough
            assert cell["room"] >= cell["fontSize"]
            assert cell["box"]["top"] >= previous_bottom
            previous_bottom = cell["box"]["bottom"]
            assert cell["box"]["height"] >= 24 and cell["box"]["width"] >= 200
            # the boxes keep their names: column, then row
            assert cell["aria"].lower() == f"{column}, {title}".lower()

    # wider than a phone, and on paper, it stays a table, without the names in each cell
    page.set_viewport_size({"width": 1280, "height": 900})
    wide = table.evaluate(CARDS)
    assert wide["display"] == "table" and wide["head"]
    assert {row["display"] for row in wide["rows"]} == {"table-row"}
    assert shown_rows(page, table) == ([row["header"] for row in wide["rows"]] if labelled else [])
    page.set_viewport_size(PHONES["390"])
    page.emulate_media(media="print")
    printed = table.evaluate(CARDS)
    assert printed["display"] == "table" and printed["head"]
    assert {row["display"] for row in printed["rows"]} == {"table-row"}
    assert not page.locator(STICKY).is_visible() and not page.locator(".iop-crisis").is_visible()
    context.close()


SCALE = """(field) => {
    const box = (el) => el.getBoundingClientRect().toJSON();
    const ends = [...field.querySelectorAll('.iop-scale__ends > span')];
    const choices = [...field.querySelectorAll('.iop-scale label')].map((label) => ({
        text: label.textContent.trim(), label: box(label),
        input: box(label.querySelector('input'))}));
    return {low: {text: ends[0].textContent, ...box(ends[0])},
            high: {text: ends[1].textContent, ...box(ends[1])}, choices,
            em: parseFloat(getComputedStyle(ends[0]).fontSize)};
}"""


def test_a_scale_fits_with_its_end_labels_at_its_ends(phone_page, published_url):
    page = phone_page
    page.goto(published_url + TABLE_PAGE)
    scale = page.locator(".iop-field--scale").first.evaluate(SCALE)
    choices = scale["choices"]
    assert [c["text"] for c in choices] == [str(n) for n in range(11)]
    rows = sorted({round(c["label"]["top"]) for c in choices})
    assert len(rows) <= 2, "the 11 choices take more than two rows"
    for choice in choices:
        assert choice["label"]["width"] >= 24 and choice["label"]["height"] >= 24
        assert choice["input"]["width"] >= 24 and choice["input"]["height"] >= 24
        assert choice["label"]["right"] <= page.viewport_size["width"]
    zero, ten = choices[0]["label"], choices[-1]["label"]
    low, high = scale["low"], scale["high"]
    assert low["text"].startswith("0 =") and high["text"].startswith("10 =")
    # "0 = ..." starts at the 0, "10 = ..." ends at the 10, each right by its row of choices
    assert abs(low["left"] - zero["left"]) <= 4
    assert abs(high["right"] - ten["right"]) <= 4
    for end, choice in ((low, zero), (high, ten)):  # just above or just below it
        above = end["bottom"] <= choice["top"] + 1
        gap = choice["top"] - end["bottom"] if above else end["top"] - choice["bottom"]
        assert -1 <= gap <= 1.5 * scale["em"], f"{end['text']!r} is not next to its end"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_table_worksheet_on_a_phone_has_no_serious_accessibility_problems(
        browser, published_url, scheme):
    # axe is injected as a script, which the workbook's own CSP would rightly refuse.
    context = browser.new_context(viewport=PHONES["390"], bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    page.goto(published_url + TABLE_PAGE)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    context.close()
    assert serious == []
