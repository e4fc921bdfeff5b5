"""The workbook's lighter bytes, on their own: what the page compactor and the
minifier leave alone, which a browser shows differently if changed. (The browser test,
tests/browser/test_light_workbook.py, checks that pages look the same.)"""

from __future__ import annotations

from iopkit.build.compact_html import compact_html
from iopkit.build.defer_scripts import defer_scripts
from iopkit.build.minify import minify_files
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


def test_own_stylesheets_and_scripts_lose_comments_and_indentation_not_meaning(tmp_path):
    css = tmp_path / "a.css"
    css.write_text('/* a comment */\n.a  >  .b {\n    content: "two   spaces";\n}\n')
    js = tmp_path / "a.js"
    js.write_text('/*! Credit: kept. */\n/* a comment */\nvar a  =  "two   spaces";\n'
                  'if (a) {\n  a = a.replace(/ +/g, " ");\n}\n')
    minify_files([css, js])
    assert css.read_text() == '.a>.b{content:"two   spaces"}'
    assert js.read_text() == ('/*! Credit: kept. */var a="two   spaces";'
                              'if(a){a=a.replace(/ +/g," ");}')


def test_body_scripts_are_deferred_and_inline_or_head_scripts_are_not():
    html = ('<html><head><script src="a.js"></script><script>var x = 1;</script></head>'
            '<body><p>Text</p><script id="__config" type="application/json">{}</script>'
            '<script src="b.js"></script><script src="c.js" async></script>'
            '<script src="d.js" defer></script><script>var y = 2;</script></body></html>')
    assert defer_scripts(html) == html.replace('<script src="b.js">', '<script src="b.js" defer>')
    assert script_hashes(defer_scripts(html)) == script_hashes(html)
