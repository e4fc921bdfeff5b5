"""Search on both sites: nothing of it loads with a page (the worker and the index weigh
more than the page itself on a phone); opening search loads it and finds pages as before,
without the shim that runs it from disk. (Search from disk, file://, where that shim loads
when search opens, is tested in test_workbook.py.)"""

from __future__ import annotations

import pytest

SESSION = "workbook/calm-skills/noticing-stress.html"
SEARCH_FILES = ("search_index.json", "/workers/search.")


def _search_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if any(part in url for part in SEARCH_FILES)]


def _recording(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


@pytest.mark.parametrize("path", [SESSION, "workbook/index.html", "facilitator/index.html"])
def test_a_page_loads_without_the_search_worker_or_index(phone, published_url, path):
    requests = _recording(phone)
    phone.goto(published_url + path, wait_until="networkidle")
    phone.wait_for_timeout(300)
    assert any(url.endswith("bundle.a5f9d56c.min.js") or "/javascripts/bundle." in url
               for url in requests), "Material's bundle did not load: the test proves nothing"
    assert _search_requests(requests) == []
    # the page still works: Material ran (it marks the page as scripted)
    assert phone.evaluate("document.documentElement.classList.contains('js')")


def test_tapping_search_loads_it_and_a_word_typed_at_once_finds_its_page(phone, published_url):
    requests = _recording(phone)
    phone.goto(published_url + SESSION, wait_until="networkidle")
    phone.locator("label.md-header__button[for=__search]").click()
    # typed straight away, before the index has arrived: Material sends it once ready
    phone.keyboard.type("stress")
    phone.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert "Noticing stress" in phone.locator(".md-search-result").inner_text()
    assert len([url for url in requests if "search_index.json" in url]) == 1
    assert len([url for url in requests if "/workers/search." in url]) == 1
    # the offline shim runs the worker from disk only: a page on the web never fetches it
    assert [url for url in requests if "iframe-worker" in url] == []


def test_the_slash_key_opens_search_and_it_finds_pages(browser, published_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = _recording(page)
    page.goto(published_url + "workbook/index.html", wait_until="networkidle")
    assert _search_requests(requests) == []
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('.md-search__input')")
    page.keyboard.type("stress")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert "Noticing stress" in page.locator(".md-search-result").inner_text()
    context.close()


def test_a_search_result_opens_with_its_words_highlighted(phone, published_url):
    """search.highlight needs the index: a page opened from a result (?h=) loads it."""
    phone.goto(published_url + SESSION + "?h=stress", wait_until="networkidle")
    phone.wait_for_selector("mark", timeout=10_000)
    assert "stress" in phone.locator("mark").first.inner_text().lower()


def test_the_guide_searches_on_demand_too(phone, published_url):
    requests = _recording(phone)
    phone.goto(published_url + "facilitator/index.html", wait_until="networkidle")
    assert _search_requests(requests) == []
    phone.locator("label.md-header__button[for=__search]").click()
    phone.keyboard.type("stress")
    phone.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert "Noticing stress" in phone.locator(".md-search-result").inner_text()


def test_the_spanish_workbook_loads_lunr_s_spanish_files_and_finds_pages(browser, spanish_url):
    """Each workbook keeps only the lunr files its search language needs (the English one
    none): the Spanish one's search loads its own, all there, and finds pages."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    requests = _recording(context)
    failed: list[str] = []
    context.on("response", lambda response: failed.append(response.url)
               if response.status >= 400 else None)
    page = context.new_page()
    page.goto(spanish_url + "workbook/es/calm-skills/noticing-stress.html", wait_until="networkidle")
    page.locator("label.md-header__button[for=__search]").click()
    page.keyboard.type("stress")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert "Noticing stress" in page.locator(".md-search-result").inner_text()
    lunr = sorted({url.rsplit("/", 1)[1] for url in requests if "/lunr/" in url})
    assert lunr == ["lunr.es.min.js", "lunr.stemmer.support.min.js"]
    assert failed == []
    context.close()
