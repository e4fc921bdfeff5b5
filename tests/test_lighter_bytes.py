"""The workbook's lighter bytes, on their own: what the page compactor and the
minifier leave alone, which a browser shows differently if changed. (The browser test,
tests/browser/test_light_workbook.py, checks that pages look the same.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
import rjsmin

from iopkit.build.compact_html import compact_html
from iopkit.build.defer_scripts import defer_scripts
from iopkit.build.lean_css import drop_unused_rules
from iopkit.build.minify import minify_files, minify_script
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


SCRIPT = """
var shared = "page-wide";
(function () {
  "use strict";
  var counter = 0, labels = [];
  function describeAnswer(answer, index) {
    try { return index + ": " + JSON.parse(answer).value; }
    catch (error) { return index + ": (damaged)"; }
  }
  ["{\\"value\\": \\"calm\\"}", "not json"].forEach(function (answer) {
    labels.push(describeAnswer(answer, counter++));
  });
  globalThis.result = { labels: labels, shared: shared, counter: counter };
})();
"""


def test_a_script_s_local_names_shrink_and_its_shared_names_stay():
    minified = minify_script(SCRIPT)
    assert len(minified) < 0.7 * len(SCRIPT)
    for local in ("counter", "labels", "describeAnswer", "answer", "error"):
        assert f"var {local}" not in minified and f"function {local}" not in minified
    assert "var shared=" in minified and '"use strict"' in minified


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the scripts")
def test_a_minified_script_does_what_it_did():
    def run(script: str) -> dict:
        done = subprocess.run(["node", "-e", script + "\nconsole.log(JSON.stringify(result));"],
                              capture_output=True, text=True, check=True, timeout=60)
        return json.loads(done.stdout)
    assert run(minify_script(SCRIPT)) == run(SCRIPT) == {
        "labels": ["0: calm", "1: (damaged)"], "shared": "page-wide", "counter": 2}


def test_a_script_is_minified_once_and_then_taken_from_the_cache(tmp_path, monkeypatch):
    from iopkit.build import minify
    cache = tmp_path / "cache"
    cache.mkdir()
    first, second = tmp_path / "first.js", tmp_path / "second.js"
    for script in (first, second):
        script.write_text(SCRIPT)
    minify_files([first], cache)
    assert first.read_text() == minify_script(SCRIPT)

    def slow(text: str) -> str:
        raise AssertionError("minified again")
    monkeypatch.setattr(minify, "minify_script", slow)
    minify_files([second], cache)
    assert second.read_text() == first.read_text()
    assert [path.suffix for path in cache.iterdir()] == [".js"]


def test_the_cache_keeps_its_newest_files_and_drops_the_oldest(tmp_path, monkeypatch):
    from iopkit.build import user_cache
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "iopkit" / "minified"
    folder.mkdir(parents=True)
    count = user_cache.KEPT_FILES + 5
    for age in range(count):  # file 0 is the newest
        made = folder / f"{age}.js"
        made.write_text("x")
        os.utime(made, (1_700_000_000 - age * 60,) * 2)
    assert user_cache.cache_dir("minified") == folder
    kept = {int(path.stem) for path in folder.iterdir()}
    assert kept == set(range(user_cache.KEPT_FILES))
    assert user_cache.cache_dir("minified") == folder  # under the bound: nothing goes
    assert len(list(folder.iterdir())) == user_cache.KEPT_FILES


def test_every_theme_script_is_one_calmjs_parse_can_shorten():
    """The theme's scripts keep to ECMAScript 5: a newer one would still work, minified by
    rjsmin alone, and every phone would fetch a third more of it."""
    from iopkit.site.registry import THEME_DIR
    scripts = sorted(THEME_DIR.glob("assets/**/*.js"))
    assert scripts
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        if "/*!" not in text:  # a licence comment: rjsmin keeps it
            assert minify_script(text) != rjsmin.jsmin(text), script.name


def test_a_script_newer_than_es5_loses_only_comments_and_whitespace():
    script = "// a comment\nconst twice = (n) => n * 2;\nlet x = twice(2);\n"
    assert minify_script(script) == "const twice=(n)=>n*2;let x=twice(2);"


def test_body_scripts_are_deferred_and_inline_or_head_scripts_are_not():
    html = ('<html><head><script src="a.js"></script><script>var x = 1;</script></head>'
            '<body><p>Text</p><script id="__config" type="application/json">{}</script>'
            '<script src="b.js"></script><script src="c.js" async></script>'
            '<script src="d.js" defer></script><script>var y = 2;</script></body></html>')
    assert defer_scripts(html) == html.replace('<script src="b.js">', '<script src="b.js" defer>')
    assert script_hashes(defer_scripts(html)) == script_hashes(html)


def test_rules_for_elements_and_classes_no_page_or_script_has_go(tmp_path):
    (tmp_path / "page.html").write_text('<p class="note">Write a warning sign.</p><kbd>')
    (tmp_path / "code.js").write_text('box.className = "done"; document.createElement("dl");')
    # Data, not code: the worksheets' words name no class.
    (tmp_path / "words.js").write_text('var sheets = ["warning", "table", "done well"];')
    css = tmp_path / "theme.css"
    css.write_text(".note{color:red}.warning{color:orange}.done{color:green}"
                   "p>kbd{margin:0}dl,table{margin:1em}table td{padding:0}"
                   "p:first-child{margin:0}")
    drop_unused_rules(tmp_path, [css], [tmp_path / "words.js"])
    assert css.read_text() == (".note{color:red}.done{color:green}p>kbd{margin:0}dl{margin:1em}"
                               "p:first-child{margin:0}")
