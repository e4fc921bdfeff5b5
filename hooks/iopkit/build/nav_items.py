"""Render each top-level menu item once per folder of pages instead of once per page.

Material renders the whole menu into every page. With `navigation.prune`, an item the page
is not inside becomes one link, but rendering it still walks Material's macros: for a
curriculum of 90 modules, 90 items on each of 800 pages, a quarter of the build. The HTML of
such an item depends only on the page's folder (its links are relative to the page), so
theme/partials/nav.html asks `nav_item_once` for it, which renders it the first time a page
in that folder needs it. Pages are byte-identical to Material's own rendering.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2


def nav_item_once() -> Callable[..., Any]:
    """A template function, new for each build: it holds that build's rendered items."""
    rendered: dict[tuple[str, str], Any] = {}

    @jinja2.pass_context
    def render_item(context: jinja2.runtime.Context, render: Callable[..., Any],
                    nav_item: Any, path: str) -> Any:
        page = context.get("page")
        url = getattr(page, "url", None)
        # The item holding the page (or, for a blog's archive, listing it) depends on which
        # page this is; so does every item of a page without an address (404.html).
        if url is None or nav_item.active or page in (getattr(nav_item, "pages", None) or ()):
            return render(nav_item, path, 1)
        key = (path, url[: url.rfind("/") + 1])
        if key not in rendered:
            rendered[key] = render(nav_item, path, 1)
        return rendered[key]

    return render_item
