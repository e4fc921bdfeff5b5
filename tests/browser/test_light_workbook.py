"""The workbook's lighter bytes (theme rules no page uses dropped, own stylesheet minified,
pages without their templates' indentation) change nothing a client sees: every element of
a page has the same computed style as in the same workbook built without them, at phone and
desktop width, as loaded and in the states scripts bring (search open with results, the
menu drawer and a section in it open, the header's title after scrolling, the dark scheme
by its toggle, a focus ring from the keyboard)."""

from __future__ import annotations

import re

import pytest

from helpers import FIXTURES, PHONE, build_site, make_project

DESKTOP = {"width": 1280, "height": 800}
PAGES = ["workbook/calm-skills/noticing-stress.html", "workbook/index.html",
         "workbook/calm-skills/index.html", "workbook/get-help.html"]

# Per element (in document order), a digest of its computed style and of its ::before and
# ::after: two builds must agree on every one. DESCRIBE lists the properties of one. Custom
# properties are left out: the lighter stylesheet drops those nothing uses, and those used
# show in the properties that use them.
DIGESTS = """() => {
  const hash = text => { let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0; };
  const style = (element, pseudo) => { const s = getComputedStyle(element, pseudo);
    return Array.from(s).filter(name => !name.startsWith('--'))
      .map(name => name + ':' + s.getPropertyValue(name)).join(';'); };
  return Array.from(document.querySelectorAll('*'), element => [
    element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
      + (element.classList.length ? '.' + [...element.classList].join('.') : ''),
    hash(style(element) + style(element, '::before') + style(element, '::after'))]);
}"""
DESCRIBE = """index => { const element = document.querySelectorAll('*')[index]; const out = {};
  for (const pseudo of ['', '::before', '::after']) { const s = getComputedStyle(element, pseudo);
    for (const name of s) if (!name.startsWith('--')) out[pseudo + name] = s.getPropertyValue(name); }
  return out; }"""


def _search(page) -> None:
    if page.viewport_size["width"] < 1220:
        page.click("label.md-header__button[for=__search]")
    page.locator("input.md-search__input").press_sequentially("stress")
    page.wait_for_selector(".md-search-result__item")


def _drawer(page) -> None:
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(300)
    page.locator('nav[aria-expanded="true"] > label.md-nav__title').first.click()
    page.wait_for_timeout(300)
    page.locator(".md-nav--primary label.md-nav__link:visible").first.click()


def _scrolled(page) -> None:
    page.evaluate("window.scrollBy(0, 1200)")



def _dark_by_toggle(page) -> None:
    page.locator("form[data-md-component=palette] label:visible").first.click()


def _keyboard_focus(page) -> None:
    for _ in range(3):
        page.keyboard.press("Tab")


STATES = {"loaded": None, "search": _search, "drawer": _drawer, "scrolled": _scrolled,

          "dark by toggle": _dark_by_toggle, "keyboard focus": _keyboard_focus}


@pytest.fixture(scope="module")
def heavy_url(tmp_path_factory, serve):
    """The fixture program's workbook built with every byte-saving step switched off."""
    from iopkit.build import lean_css, minify, mkdocs_plugin
    from iopkit.build.run_mkdocs import all_sites
    root = make_project(tmp_path_factory.mktemp("heavy") / "project", FIXTURES / "program")
    workbook = next(site for site in all_sites(root)
                    if site.audience == "client" and not site.language)
    out = tmp_path_factory.mktemp("heavy-site")
    with pytest.MonkeyPatch.context() as patch:
        # The workbook step that uses these imports them when it runs.
        patch.setattr(lean_css, "drop_unused_rules", lambda *args: None)
        patch.setattr(minify, "minify_files", lambda *args: None)
        patch.setattr(mkdocs_plugin, "compact_html", lambda html: html)
        patch.setattr(mkdocs_plugin, "defer_scripts", lambda html: html)
        build_site(root, workbook, out / "workbook")
    main_css = next((out / "workbook").glob("assets/stylesheets/main.*.min.css")).read_text()
    assert ".md-tag" in main_css, "the heavy workbook was lightened: comparing proves nothing"
    return serve(out)


def _changed(light: list, heavy: list) -> list[int]:
    """The indexes of the elements whose styles differ (the same elements in both)."""
    return [index for index, (a, b) in enumerate(zip(light, heavy, strict=True)) if a != b]


def _styles(browser, url: str, viewport: dict, prepare) -> tuple[list, object]:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if prepare is not None:
        prepare(page)
    page.wait_for_timeout(700)  # transitions run out (drawer, search, header title)
    return page.evaluate(DIGESTS), (context, page)


# The desktop shows the menu as a sidebar, not a drawer: no drawer state there.
CASES = [pytest.param(viewport, state, id=f"{name}-{state}")
         for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)) for state in STATES
         if not (state == "drawer" and viewport is DESKTOP)]


@pytest.mark.parametrize(("viewport", "state"), CASES)
def test_every_element_looks_the_same_as_in_the_workbook_built_without_lightening(
        browser, published_url, heavy_url, viewport, state):
    pages = PAGES if state == "loaded" else PAGES[:1]
    for path in pages:
        light, (light_context, light_page) = _styles(browser, published_url + path, viewport,
                                                     STATES[state])
        heavy, (heavy_context, heavy_page) = _styles(browser, heavy_url + path, viewport,
                                                     STATES[state])
        try:
            assert [name for name, _ in light] == [name for name, _ in heavy], path
            changed = _changed(light, heavy)
            if changed:  # a transition still running in one of them? Look once more.
                light_page.wait_for_timeout(1500)
                light, heavy = light_page.evaluate(DIGESTS), heavy_page.evaluate(DIGESTS)
                changed = _changed(light, heavy)
            if changed:
                first = changed[0]
                were = heavy_page.evaluate(DESCRIBE, first)
                are = light_page.evaluate(DESCRIBE, first)
                differences = {name: (were[name], are.get(name)) for name in were
                               if were[name] != are.get(name)}
                pytest.fail(f"{path} ({state}): {len(changed)} elements look different, "
                            f"first {light[first][0]}: {differences}")
        finally:
            light_context.close()
            heavy_context.close()


def test_the_published_workbook_is_the_lighter_one(program_sites):
    """The comparison above is between different bytes: the published workbook's theme
    stylesheet lost rules, its own stylesheet its comments, its pages their indentation."""
    workbook = program_sites / "workbook"
    main_css = next(workbook.glob("assets/stylesheets/main.*.min.css")).read_text()
    assert ".md-tag" not in main_css and ".md-typeset__table" in main_css
    # Built by the bundle for the content.tooltips feature, not found in any page's markup.
    assert ".md-tooltip--active" in main_css and ".focus-visible" in main_css
    assert "/*" not in (workbook / "assets/iopkit.css").read_text()
    assert not re.search(r">\s*\n[ \t]+<", (workbook / "index.html").read_text())
