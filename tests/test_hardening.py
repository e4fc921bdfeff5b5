"""Hostile and broken content: no script reaches a reader, no traceback, no hang, no
half-written site, and the same commit always builds the same bytes."""

from __future__ import annotations

import filecmp
import os
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config

import iopkit.content.load
from helpers import FIXTURES, run_iopkit
from iopkit.content.load import load_model_from_bytes
from iopkit.content.model import Module, Program, Session, Track, Worksheet
from iopkit.protection.sanitize import sanitize

SESSION = "modules/coping-basics/01-breathing.yml"
READING_LINE = "    Try it for one minute. Breathe in through your nose. Breathe out slowly.\n"


def plant(project: Path, markdown: str) -> None:
    """Put text into the client reading of the fixture session."""
    path = project / SESSION
    text = path.read_text()
    assert READING_LINE in text
    path.write_text(text.replace(READING_LINE, f"    {markdown}\n"))


def reading_line(project: Path) -> int:
    return (project / SESSION).read_text().splitlines().index("  reading: |") + 1


# --- script from content ---------------------------------------------------------------

INJECTIONS = {
    "script element": "<script>alert(document.cookie)</script>",
    "iframe": '<iframe src="https://example.org"></iframe>',
    "event handler": '<img src="x.png" alt="x" onerror="alert(1)">',
    "event handler, upper case": '<IMG SRC=x ALT=y ONERROR=alert(1)>',
    "event handler, slashes": '<img/src=x/alt=y/onerror=alert(1)>',
    "javascript link": "[Tap here](javascript:alert(1))",
    "javascript, mixed case": "[Tap](JaVaScRiPt:alert(1))",
    "javascript, entities": "[Tap](&#106;avascript&#58;alert(1))",
    "javascript, percent-encoded": "[Tap](java%73cript:alert(1))",
    "javascript, tab inside": "[Tap](java\tscript:alert(1))",
    "javascript, reference link": "[Tap][x]\n\n    [x]: javascript:alert(1)",
    "javascript, autolink": "<javascript:alert(1)>",
    "html anchor": '<a href="javascript:alert(1)">Tap</a>',
    "data url": "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "attribute list": '[Tap](page.md){: onclick="alert(1)" }',
    "attribute list href": '**Tap**{ href="javascript:alert(1)" }',
    "style element": "<style>body{display:none}</style>",
    "svg": '<svg onload="alert(1)"></svg>',
}


@pytest.mark.parametrize("route", INJECTIONS)
def test_validate_refuses_each_script_route_at_its_line(project, route):
    plant(project, INJECTIONS[route])
    result = run_iopkit(project, "validate")
    assert result.returncode == 1, route
    assert f"{SESSION}:{reading_line(project)}:" in result.stderr, result.stderr
    assert "not allowed" in result.stderr
    assert "Traceback" not in result.stderr


def test_ordinary_text_with_colons_and_words_like_data_passes(project):
    plant(project, "Data: your answers. Online: see [the 988 site](https://988lifeline.org). "
                   "A form on paper is fine, and so is <b>bold</b>.")
    assert run_iopkit(project, "validate").returncode == 0


def test_built_pages_are_sanitized_even_if_validation_missed_it(project, tmp_path, monkeypatch):
    """The second wall: with the check switched off, the built page still runs no script."""
    plant(project, '<img src="x.png" alt="x" onerror="alert(1)"> [Tap](javascript:alert(2)) '
                   '<script>alert(3)</script> **Tap**{ onclick="alert(4)" }')
    monkeypatch.setattr(iopkit.content.load, "hostile_content", lambda text: [])
    build(load_config(str(project / "workbook.yml"), site_dir=str(tmp_path / "out")))
    page = (tmp_path / "out/coping-basics/breathing.html").read_text()
    article = page[page.index("<article"):page.index("</article>")]
    assert "onerror" not in article and "onclick" not in article
    assert "javascript:" not in article and "alert(3)" not in article
    assert 'data-worksheet="breathing-log"' in article  # our own forms survive
    index = (tmp_path / "out/search/search_index.json").read_text()
    assert "onerror" not in index and "javascript:" not in index


def test_sanitizer_keeps_what_markdown_and_worksheets_need():
    html = ('<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2><table><tr>'
            '<td style="text-align: right">1</td></tr></table><form class="iop-worksheet" '
            'data-worksheet="w"><label for="f">L</label><textarea id="f" name="f" rows="3">'
            '</textarea><input type="radio" name="s" value="1"></form>')
    cleaned = sanitize(html)
    for kept in ('href="#a"', 'style="text-align:right"', 'data-worksheet="w"', 'for="f"',
                 'rows="3"', 'type="radio"'):
        assert kept in cleaned


# --- YAML that cannot lie --------------------------------------------------------------

def problems_for(raw: bytes, model=Session) -> list[str]:
    loaded, problems = load_model_from_bytes(raw, "modules/x/01-x.yml", model)
    assert loaded is None
    return [p.as_text() for p in problems]


PROGRAM = FIXTURES / "program"
GOOD = (PROGRAM / "modules/calm-skills/01-noticing-stress.yml").read_bytes()


@pytest.mark.parametrize("name,raw,expected", [
    ("duplicate key", b"id: a\ntitle: x\nid: b\n",
     "modules/x/01-x.yml:3:1: key 'id' appears twice (first on line 1)"),
    ("alias", b"a: &x hello\nb: *x\n", "anchors and aliases (&name, *name, <<: *name) are not supported"),
    ("merge key", b"session:\n  <<: {minutes: 90}\n",
     "modules/x/01-x.yml:2:3: merge keys (<<) are not supported"),
    ("tab", b"id: a\nagenda:\n\t- x\n", "modules/x/01-x.yml:3:1: YAML syntax error: this line has a tab"),
    ("byte-order mark", b"\xef\xbb\xbfid: a\n", "modules/x/01-x.yml:1:1: file starts with a byte-order mark"),
    ("not UTF-8", b"id: a\ntitle: caf\xe9\n",
     "modules/x/01-x.yml:2:1: this line has bytes that are not UTF-8"),
    ("NUL byte", b"id: a\ntitle: x\x00y\n", "modules/x/01-x.yml:2:1: file contains a NUL byte"),
    ("empty", b"", "modules/x/01-x.yml:1:1: the file is empty; a session file is 'key: value' lines"),
    ("only a comment", b"# nothing\n", "the file is empty"),
    ("a list", b"- id: a\n- id: b\n", "modules/x/01-x.yml:1:1: the file holds a list; a session file"),
    ("deep nesting", b"a:" + b"".join(b"\n" + b"  " * i + b"b:" for i in range(1, 16)) + b" 1\n",
     "nested more than 12 levels deep"),
    ("very deep flow", b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
     # libyaml stops at its nesting limit; the pure-Python parser would recurse too deep
     ("YAML syntax error: exceeded maximum nesting depth", "nested far too deeply to read")),
    ("very long value", GOOD.replace(b'title: "', b'title: "' + b"x" * 25_000, 1),
     "title: is longer than 20,000 characters"),
])
def test_broken_yaml_gets_a_clear_message(name, raw, expected):
    found = problems_for(raw)
    choices = expected if isinstance(expected, tuple) else (expected,)
    assert any(choice in line for line in found for choice in choices), found


def test_an_alias_bomb_is_refused_quickly_and_small():
    bomb = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        bomb += f"{name}: &{name} [{','.join(['*' + prev] * 9)}]\n"
    tracemalloc.start()
    started = time.perf_counter()
    found = problems_for(bomb.encode())
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert any("anchors and aliases" in line for line in found)
    assert elapsed < 2 and peak < 50_000_000


@pytest.mark.parametrize("bad_id", ["../../etc/passwd", "Triggers", "a/b", "a--b", "-a", "a b", "x" * 61])
def test_unsafe_ids_are_refused_with_the_line(project, bad_id):
    path = project / SESSION
    path.write_text(path.read_text().replace("id: breathing", f'id: "{bad_id}"', 1))
    result = run_iopkit(project, "validate")
    assert result.returncode == 1
    assert f"{SESSION}:1:5: " in result.stderr and ("not a valid id" in result.stderr
                                                    or "longer than 60 characters" in result.stderr)


def test_a_file_name_that_differs_only_in_case_is_refused(project):
    module = project / "modules/coping-basics"
    (module / "01-breathing.yml").rename(module / "01-Breathing.yml")
    result = run_iopkit(project, "validate")
    assert result.returncode == 1
    assert "modules/coping-basics/01-Breathing.yml: unexpected file in a module folder" in result.stderr


# --- fuzzing: random and mutated YAML never crash, hang or balloon ---------------------

SAMPLES = {
    Session: GOOD,
    Module: (PROGRAM / "modules/calm-skills/module.yml").read_bytes(),
    Worksheet: (PROGRAM / "modules/calm-skills/worksheets/stress-check.yml").read_bytes(),
    Track: (PROGRAM / "curriculum/tracks/evening.yml").read_bytes(),
    Program: (PROGRAM / "curriculum/program.yml").read_bytes(),
}
SPECIAL = [b"\t", b"\x00", b": ", b"- ", b"&a ", b"*a", b"<<: ", b"{", b"[", b"'", b'"', b"|",
           b"\n", b"#", b"!!python/object:os.system ", b"\xff", b"\xef\xbb\xbf", b"%YAML 1.1\n",
           b"---\n", b"~", b"0x1F", b"2026-13-45", b"yes", b"<script>"]


@st.composite
def mutated_yaml(draw):
    model = draw(st.sampled_from(list(SAMPLES)))
    raw = bytearray(SAMPLES[model])
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["insert", "delete", "flip", "dup-line", "drop-line"]))
        at = draw(st.integers(0, max(len(raw) - 1, 0)))
        if action == "insert":
            raw[at:at] = draw(st.sampled_from(SPECIAL))
        elif action == "delete":
            del raw[at:at + draw(st.integers(1, 40))]
        elif action == "flip" and raw:
            raw[at] = draw(st.integers(0, 255))
        else:
            lines = bytes(raw).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i:i + 1] = [lines[i]] * 2 if action == "dup-line" else []
            raw = bytearray(b"\n".join(lines))
    return model, bytes(raw)



@pytest.mark.parametrize("model", list(SAMPLES), ids=lambda model: model.__name__)
def test_each_file_the_fuzzer_starts_from_is_valid(model):
    """Mutations start from a good file of each kind, so they probe the edge of valid."""
    loaded, problems = load_model_from_bytes(SAMPLES[model], "modules/x/01-x.yml", model)
    assert problems == [] and isinstance(loaded.obj, model)

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated_yaml(),
                 st.tuples(st.sampled_from(list(SAMPLES)), st.binary(max_size=2000))))
def test_fuzzed_yaml_gives_a_result_or_problems_never_a_crash(case):
    model, raw = case
    tracemalloc.start()
    started = time.perf_counter()
    loaded, problems = load_model_from_bytes(raw, "modules/x/01-x.yml", model)  # must not raise
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert (loaded is None) == bool(problems)
    assert all(p.path == "modules/x/01-x.yml" and p.line >= 0 and p.message for p in problems)
    assert elapsed < 2.0, f"took {elapsed:.2f} s"
    assert peak < 100_000_000, f"peak memory {peak:,} bytes"


# --- output: atomic and reproducible ---------------------------------------------------

def test_a_failed_build_of_either_site_leaves_both_sites_untouched(project):
    assert run_iopkit(project, "build").returncode == 0
    guide_before = (project / "site/facilitator/index.html").read_bytes()
    # A hand-written page where a generated one goes makes the workbook build fail only.
    (project / "curriculum/workbook/get-help.md").write_text("# Mine\n")
    (project / "curriculum/guide/about.md").write_text("# About this guide\n\nChanged.\n")
    result = run_iopkit(project, "build")
    assert result.returncode == 1
    assert "workbook build failed" in result.stderr and "Nothing in site/ was changed" in result.stderr
    assert (project / "site/facilitator/index.html").read_bytes() == guide_before
    assert "Changed." not in (project / "site/facilitator/about.html").read_text()
    assert sorted(p.name for p in (project / "site").iterdir()) == ["facilitator", "pdf",
                                                                     "workbook", "workbook.zip"]


def test_two_builds_of_the_same_content_are_byte_identical(project, tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    import subprocess
    import sys

    def build_copy(name: str) -> Path:
        subprocess.run([sys.executable, "-m", "iopkit", "build"], cwd=project, env=env,
                       check=True, capture_output=True)
        copy = tmp_path / name
        os.rename(project / "site", copy)
        return copy

    first, second = build_copy("first"), build_copy("second")
    comparison = filecmp.dircmp(first, second)

    def differences(cmp) -> list[str]:
        found = cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
        return found + [d for sub in cmp.subdirs.values() for d in differences(sub)]

    assert differences(comparison) == []
    mismatch = [f for f in ("workbook.zip", "facilitator/sitemap.xml.gz")
                if (first / f).read_bytes() != (second / f).read_bytes()]
    assert mismatch == []


def test_a_warning_fails_the_build_as_strict_promises(project):
    (project / "curriculum/guide/about.md").write_text("# About\n\nSee [a page](no-such-page.md).\n")
    result = run_iopkit(project, "build")
    assert result.returncode == 1
    assert "no-such-page.md" in result.stderr and "Nothing in site/ was changed" in result.stderr
