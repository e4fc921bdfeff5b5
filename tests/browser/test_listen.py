"""Listen, as a client uses it on a phone: the reading (or the Get help page) read aloud a
sentence at a time with a voice that is on the device, never one that may send the text
away; the sentence being read highlighted; pause, resume, stop and a speed kept on the
device. Speech synthesis is replaced by a stand-in (fake_speech.js) that offers the voices a
test chooses and records what is spoken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import MARK, PHONE, serious_accessibility_violations, tab_to

FAKE_SPEECH = (Path(__file__).parent / "fake_speech.js").read_text(encoding="utf-8")
SESSION = "workbook/calm-skills/noticing-stress.html"
LISTEN = '[data-action="listen"]'
READING = [  # the fixture session's reading, a sentence at a time
    "Stress often shows up in your body before you think about it.",
    "Your shoulders get tight.",
    "Your heart beats fast.",
    "Your breath gets short.",
    "When you notice these signs early, you have time to choose what to do.",
]
NETWORK_VOICE_ONLY = [{"name": "Cloud English", "lang": "en-US", "localService": False,
                       "default": True, "voiceURI": "cloud-en"}]


def speech(voices: list[dict] | None = None, hold: bool = False, late: bool = False) -> str:
    """The stand-in for speech synthesis, with these voices (the default: an on-device and a
    network English voice, and an on-device Spanish one)."""
    settings = ""
    if voices is not None:
        settings += f"window.__fakeVoices = {json.dumps(voices)};"
    if hold:
        settings += "window.__holdSpeech = true;"
    if late:  # the browser lists no voices until it says they changed
        settings += "window.__voicesReady = false;"
    return settings + FAKE_SPEECH


@pytest.fixture
def listener(browser):
    """open(url, **speech settings) -> a phone page with the stand-in speech, and the
    messages the page's Content-Security-Policy refused."""
    contexts = []

    def open_page(url: str, **settings):
        context = browser.new_context(viewport=PHONE)
        contexts.append(context)
        context.add_init_script(speech(**settings))
        page = context.new_page()
        page.refused = []
        page.on("console", lambda m: page.refused.append(m.text)
                if "Content Security Policy" in m.text else None)
        page.goto(url)
        page.wait_for_load_state("load")
        return page

    yield open_page
    for context in contexts:
        context.close()


def wait_until(page, expression: str, seconds: float = 5) -> None:
    """Until the expression is true in the page (polled from here: the workbook's policy
    rightly refuses the string evaluation wait_for_function needs)."""
    for _ in range(int(seconds * 20)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    pytest.fail(f"never true: {expression}")


def spoken(page) -> list[dict]:
    return page.evaluate("window.__spoken")


def highlighted(page) -> str:
    return page.evaluate("""() => {
        const h = CSS.highlights.get("iop-listen");
        return h ? [...h].map(String).join(" ") : "";
    }""")


def test_listen_reads_the_reading_sentence_by_sentence_with_the_device_voice(listener, published_url):
    page = listener(published_url + SESSION)
    button = page.locator(LISTEN)
    assert button.inner_text() == "Listen"
    box = button.bounding_box()
    assert box["height"] >= 44  # a thumb's size
    button.click()
    wait_until(page, f"window.__spoken.length >= {len(READING)}")
    wait_until(page, f"document.querySelector('{LISTEN}').textContent === 'Listen'")
    said = spoken(page)
    assert [s["text"] for s in said] == READING  # the reading, nothing else: not the buttons
    assert {s["voice"] for s in said} == {"Device English"}  # never the network voice
    assert {s["lang"] for s in said} == {"en-US"}
    assert highlighted(page) == ""  # done: no sentence is marked any more
    assert page.refused == []


def test_there_is_no_listen_button_with_only_a_network_voice(listener, published_url):
    page = listener(published_url + SESSION, voices=NETWORK_VOICE_ONLY)
    page.wait_for_timeout(300)
    assert page.locator(LISTEN).count() == 0
    assert page.locator(".iop-reading").is_visible()  # the reading itself is there


def test_the_button_comes_when_the_browser_lists_its_voices_late(listener, published_url):
    page = listener(published_url + SESSION, late=True)
    assert page.locator(LISTEN).count() == 0
    page.evaluate("window.__announceVoices()")
    page.locator(LISTEN).wait_for()


def test_the_sentence_being_read_is_highlighted_and_pause_resume_stop_work(listener, published_url):
    page = listener(published_url + SESSION, hold=True)
    page.locator(LISTEN).click()
    wait_until(page, "window.__spoken.length === 1")
    assert highlighted(page) == READING[0]
    page.evaluate("window.__finishSentence()")
    wait_until(page, "window.__spoken.length === 2")
    assert " ".join(highlighted(page).split()) == READING[1]  # across the line break

    page.locator(LISTEN).click()  # the same button now pauses
    assert page.evaluate("speechSynthesis.paused") is True
    assert page.locator(LISTEN).inner_text() == "Resume"
    page.locator(LISTEN).click()
    assert page.evaluate("speechSynthesis.paused") is False
    assert page.locator(LISTEN).inner_text() == "Pause"

    page.locator("[data-listen-stop]").click()
    assert highlighted(page) == ""
    assert page.locator(LISTEN).inner_text() == "Listen"
    assert page.locator("[data-listen-stop]").is_hidden()
    page.wait_for_timeout(200)
    assert len(spoken(page)) == 2  # nothing more is read after Stop


def test_the_current_sentence_is_kept_in_view(listener, published_url):
    page = listener(published_url + SESSION, hold=True)
    page.locator(LISTEN).click()
    wait_until(page, "window.__spoken.length === 1")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the reader scrolled away
    for _ in READING[1:]:
        page.evaluate("window.__finishSentence()")
    page.wait_for_timeout(800)
    top, bottom = page.evaluate("""() => {
        const r = [...CSS.highlights.get("iop-listen")][0].getBoundingClientRect();
        return [r.top, r.bottom]; }""")
    assert 0 <= top and bottom <= PHONE["height"]


def test_the_speed_is_kept_on_the_device_across_a_reload(listener, published_url):
    page = listener(published_url + SESSION)
    page.locator("[data-listen-rate]").select_option(label="Faster")
    page.reload()
    assert page.locator("[data-listen-rate]").input_value() == "1.25"
    page.locator(LISTEN).click()
    wait_until(page, "window.__spoken.length > 0")
    assert spoken(page)[0]["rate"] == 1.25
    keys = page.evaluate("Object.keys(localStorage)")
    assert [k for k in keys if k.endswith(":listenRate")] == ["iopkit:v2-meta:test-program:listenRate"]


def test_a_keyboard_alone_starts_and_stops_the_reading(listener, published_url):
    page = listener(published_url + SESSION, hold=True)
    tab_to(page, "listen", 60)
    page.keyboard.press("Enter")
    wait_until(page, "window.__spoken.length === 1")
    page.keyboard.press("Tab")  # to Stop
    assert page.evaluate("'listenStop' in document.activeElement.dataset")
    page.keyboard.press("Space")
    assert page.locator(LISTEN).inner_text() == "Listen"


def test_the_get_help_page_is_read_from_its_title_without_the_buttons(listener, published_url):
    page = listener(published_url + "workbook/get-help.html")
    page.locator(LISTEN).click()
    wait_until(page, "window.__spoken.length > 5")
    wait_until(page, f"document.querySelector('{LISTEN}').textContent === 'Listen'")
    texts = [s["text"] for s in spoken(page)]
    assert texts[0] == "Get help now"
    assert any("988" in text for text in texts)
    assert not {"Listen", "Stop", "Speed", "Normal"} & set(texts)


def test_the_spanish_page_speaks_with_a_spanish_voice_and_words(listener, spanish_url):
    page = listener(spanish_url + SESSION.replace("workbook/", "workbook/es/"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator(LISTEN).inner_text() == "Listen" + MARK
    page.locator(LISTEN).click()
    wait_until(page, "window.__spoken.length > 0")
    assert {(s["voice"], s["lang"]) for s in spoken(page)} == {("Device Spanish", "es-ES")}


def test_print_leaves_the_listen_buttons_out(listener, published_url):
    page = listener(published_url + SESSION)
    assert page.locator(".iop-listen").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".iop-listen").is_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_listen_passes_axe_while_reading(browser, published_url, scheme):
    def reading(page):
        page.locator(LISTEN).click()
        wait_until(page, "window.__spoken.length === 1")

    assert serious_accessibility_violations(
        browser, published_url + SESSION, scheme, init_script=speech(hold=True),
        prepare=reading) == []
