"""The workbook's lighter bytes, on their own: what the page compactor and the stylesheet
minifier leave alone, which a browser shows differently if changed. (The browser test,
tests/browser/test_light_workbook.py, checks that pages look the same.)"""

from __future__ import annotations

import pytest

from iopkit.build.compact_html import compact_html
from iopkit.build.minify_css import minify_css
from iopkit.protection.csp import add_policy, script_hashes


def test_indentation_between_tags_goes_and_a_line_break_stays_one():
    html = "<ul>\n    <li>One  two</li>\n\n    <li>Three\tfour</li>\n</ul>"
    assert compact_html(html) == "<ul>\n<li>One two</li>\n<li>Three four</li>\n</ul>"


def test_whitespace_that_shows_or_runs_is_left_alone():
    html = ('<pre>  a\n    b</pre> <code>x   y</code> <kbd>Ctrl  C</kbd>'
            '<textarea>  kept\n  </textarea><script>\n  let a = "  b";\n</script>'
            '<style>\n  p { }\n</style><!--  a   comment  -->'
            '<p title="two  spaces"\n   class="a">text</p>')
    assert compact_html(html) == html


def test_inline_scripts_keep_their_hashes_so_the_policy_still_allows_them():
    html = ("<html><head>\n    <script>\n      var a = 1;   var b = 2;\n    </script>\n"
            "</head><body>\n    <p>Hi</p>\n</body></html>")
    assert script_hashes(compact_html(html)) == script_hashes(html)
    assert script_hashes(html)[0] in add_policy(compact_html(html))


def test_a_stylesheet_loses_comments_and_indentation_not_meaning():
    css = """/* a comment */
.a  >  .b:not( .c ,  .d ) {
    width : calc( 1px  +  2px ) !important ;
    content: "two   spaces";
}
@media screen and (min-width: 60em) {
    .a { color: red; }
}
"""
    assert minify_css(css) == ('.a > .b:not(.c , .d){width:calc(1px + 2px)!important;'
                               'content:"two   spaces"}'
                               '@media screen and (min-width: 60em){.a{color:red}}')


def test_a_stylesheet_with_an_error_is_refused_with_its_line():
    with pytest.raises(ValueError, match="line 2"):
        minify_css(".a { color: red; }\n.b color: blue")
