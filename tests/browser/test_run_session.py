"""Run mode, as a facilitator leads a group from a tablet: "Run this session" on a session
plan opens a timed view of its agenda. Time is Playwright's clock, so an hour of group
passes in a moment. The view marks its segment with data-run-segment, counted from 0."""

from __future__ import annotations

import pytest

from helpers import serious_accessibility_violations, tab_to

PLAN = "facilitator/calm-skills/noticing-stress.html"
RUN = '[data-action="run-session"]'
TABLET = {"width": 1024, "height": 768}
MINUTES = [10, 20, 20, 30, 10]  # the fixture session's agenda
WAKE_LOCK = """
window.__wakeLocks = [];
Object.defineProperty(navigator, "wakeLock", { configurable: true, value: {
  request: function (kind) {
    const lock = new EventTarget();
    lock.release = function () { lock.dispatchEvent(new Event("release")); return Promise.resolve(); };
    window.__wakeLocks.push(lock);
    return Promise.resolve(lock);
  } } });
"""


@pytest.fixture
def tablet(browser):
    context = browser.new_context(viewport=TABLET)
    context.add_init_script(WAKE_LOCK)
    page = context.new_page()
    page.clock.install()
    yield page
    context.close()


def open_run_view(page, url: str):
    page.goto(url)
    page.locator(RUN).click()
    view = page.locator("dialog.iop-run")
    view.wait_for()
    return view


def segment(page) -> int:
    return int(page.locator("[data-run-segment]").get_attribute("data-run-segment"))


def agenda_clocks(page) -> list[str]:
    """The Clock column of the plan's agenda table: each segment's start, then the end."""
    return page.evaluate("""() => {
        const table = document.querySelector("#agenda").nextElementSibling.nextElementSibling
            .querySelector("table");
        return [...table.querySelectorAll("tbody tr")].map(r => r.cells[0].textContent.trim());
    }""")


def test_the_view_advances_as_each_segment_runs_out_with_the_agendas_clock(tablet, published_url):
    view = open_run_view(tablet, published_url + PLAN)
    clocks = agenda_clocks(tablet)
    assert clocks == ["0:00", "0:10", "0:30", "0:50", "1:20", "1:30"]
    assert view.locator("[data-run-left]").inner_text() == "10:00"
    view.locator("[data-run-toggle]").click()  # Start
    for index, minutes in enumerate(MINUTES):
        assert segment(tablet) == index
        assert view.locator("[data-run-clock]").inner_text() == clocks[index]
        tablet.clock.run_for(minutes * 60_000 - 1_000)
        assert segment(tablet) == index  # a second before its time is up
        assert view.locator("[data-run-left]").inner_text() == "0:01"
        tablet.clock.run_for(1_000)
    # the last segment's time is up: the clock reads the agenda's end, the cue says so
    assert segment(tablet) == len(MINUTES) - 1
    assert view.locator("[data-run-clock]").inner_text() == clocks[-1]
    assert "time is up" in view.locator(".iop-run__cue").inner_text()


def test_the_segment_shows_what_to_say_and_what_comes_next(tablet, published_url):
    view = open_run_view(tablet, published_url + PLAN)
    view.locator("[data-run-skip]").click()
    assert segment(tablet) == 1  # "Signs of stress", a teach segment: its talking points
    points = view.locator(".iop-run__points").inner_text()
    assert "Tight shoulders, a fast heart and shallow breath" in points
    assert "Noticing them early gives members time" not in points  # background is for preparing
    assert view.locator(".iop-run__next").inner_text() == "Next at 0:20: Talk it over (20 min)"
    view.locator("[data-run-skip]").click()
    view.locator("[data-run-skip]").click()  # the body scan: its steps
    steps = view.locator(".iop-run__points").inner_text()
    assert "Guide attention slowly from the feet up to the head." in steps


def test_a_gentle_cue_marks_a_segment_whose_time_is_up(tablet, published_url):
    view = open_run_view(tablet, published_url + PLAN)
    view.locator("[data-run-toggle]").click()
    assert "iop-run--cue" not in view.get_attribute("class")
    tablet.clock.run_for(MINUTES[0] * 60_000)
    assert "iop-run--cue" in view.get_attribute("class")
    assert view.locator(".iop-run__cue").inner_text() == "Time is up. Now: Signs of stress."
    tablet.clock.run_for(11_000)
    assert "iop-run--cue" not in view.get_attribute("class")  # it fades after a few seconds


def test_a_minute_added_or_taken_away_shifts_the_rest_of_the_agenda(tablet, published_url):
    view = open_run_view(tablet, published_url + PLAN)
    view.locator("[data-run-toggle]").click()
    view.locator("[data-run-more]").click()
    view.locator("[data-run-more]").click()
    starts = view.locator(".iop-run__at").all_inner_texts()
    assert starts == ["0:00", "0:12", "0:32", "0:52", "1:22"]
    assert view.locator("[data-run-left]").inner_text() == "12:00"
    tablet.clock.run_for(11 * 60_000)
    assert segment(tablet) == 0  # the planned 10 minutes are past, the added ones are not
    tablet.clock.run_for(60_000)
    assert segment(tablet) == 1
    assert view.locator("[data-run-clock]").inner_text() == "0:12"
    view.locator("[data-run-less]").click()
    assert view.locator(".iop-run__at").all_inner_texts()[2:] == ["0:31", "0:51", "1:21"]


def test_pause_stops_both_clocks(tablet, published_url):
    view = open_run_view(tablet, published_url + PLAN)
    toggle = view.locator("[data-run-toggle]")
    toggle.click()
    tablet.clock.run_for(3 * 60_000)
    toggle.click()  # Pause
    assert toggle.inner_text() == "Resume"
    tablet.clock.run_for(30 * 60_000)
    assert segment(tablet) == 0
    assert view.locator("[data-run-clock]").inner_text() == "0:03"
    assert view.locator("[data-run-left]").inner_text() == "7:00"


def test_the_keyboard_alone_runs_the_session(tablet, published_url):
    tablet.goto(published_url + PLAN)
    tab_to(tablet, "run-session", 200)
    tablet.keyboard.press("Enter")
    view = tablet.locator("dialog.iop-run")
    view.wait_for()
    assert tablet.evaluate("document.activeElement.hasAttribute('data-run-toggle')")
    tablet.keyboard.press("Space")  # Start, on the focused button
    assert view.locator("[data-run-toggle]").inner_text() == "Pause"
    tablet.keyboard.press("+")
    assert view.locator("[data-run-left]").inner_text() == "11:00"
    tablet.keyboard.press("-")
    assert view.locator("[data-run-left]").inner_text() == "10:00"
    tablet.keyboard.press("n")  # next segment, not the guide's next page
    assert segment(tablet) == 1 and tablet.url.endswith(PLAN + "#run")
    for key in ("Space", "N", "+", "Esc"):
        assert view.locator(f".iop-run__keys kbd:text-is('{key}')").count() == 1
    tablet.keyboard.press("Escape")
    assert view.is_hidden()
    assert tablet.evaluate("document.activeElement.dataset.action") == "run-session"


def test_the_screen_is_kept_awake_and_asked_again_after_the_tab_returns(tablet, published_url):
    open_run_view(tablet, published_url + PLAN)
    tablet.clock.run_for(100)
    assert tablet.evaluate("window.__wakeLocks.length") == 1
    tablet.evaluate("""() => {  // the tablet hides the tab, which releases the lock, then shows it
        window.__wakeLocks[0].release();
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    tablet.clock.run_for(100)
    assert tablet.evaluate("window.__wakeLocks.length") == 2


def test_print_leaves_run_mode_out(tablet, published_url):
    tablet.goto(published_url + PLAN)
    assert tablet.locator(RUN).is_visible()
    tablet.emulate_media(media="print")
    assert tablet.locator(RUN).is_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_run_view_passes_axe(browser, published_url, scheme):
    def running(page):
        page.locator(RUN).click()
        page.locator("[data-run-toggle]").click()

    assert serious_accessibility_violations(browser, published_url + PLAN, scheme,
                                            viewport=TABLET, prepare=running) == []


def test_the_workbook_has_no_run_mode(program_sites):
    workbook = program_sites / "workbook"
    assert (program_sites / "facilitator/assets/run-session.js").is_file()
    assert not list(workbook.rglob("run-session.*"))
    for path in workbook.rglob("*"):
        if path.suffix in (".html", ".js", ".css", ".json"):
            text = path.read_text(encoding="utf-8")
            assert "run-session" not in text and "data-run-plan" not in text, path
            assert "Run this session" not in text, path
