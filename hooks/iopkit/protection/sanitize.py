"""The last wall against script from content: every built page's article HTML goes through
nh3 (the ammonia sanitizer) with the small allowlist below.

It allows what Markdown, Material's admonitions and our templates produce: text markup,
tables, images, headings with their permalinks, and the worksheet forms. Everything else
(script, style, event handlers, unknown schemes in links) is removed. `validate` refuses
such content first, with a line number; this keeps a mistake in a check from reaching a
reader.
"""

from __future__ import annotations

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark",
    "ol", "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    # worksheet forms, written by our templates
    "form", "fieldset", "legend", "label", "input", "textarea", "button",
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "role", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan", "align", "style"},
    "td": {"colspan", "rowspan", "align", "style"},
    "ol": {"start"},
    "details": {"open"},
    "label": {"for"},
    "input": {"type", "name", "value", "checked", "disabled"},
    "textarea": {"name", "rows"},
    "button": {"type"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}


def sanitize(html: str) -> str:
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
        generic_attribute_prefixes={"data-", "aria-"}, link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},  # Markdown tables align columns this way
    )
