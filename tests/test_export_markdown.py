"""`iopkit export --format markdown`: each site as a MkDocs project that builds without the
plugin, and without iopkit at all, with plain MkDocs, ProperDocs and Zensical, into the same
pages as the plugin's build, with the workbook's privacy intact. All on a project made from
the fixture program (two tracks, three modules, every worksheet field type).

The exported projects are built in a Python that cannot import iopkit: `-S` skips
site-packages' .pth files (the editable install of iopkit is one) and PYTHONPATH lists only
site-packages itself, so MkDocs, Material and the builders are there and iopkit is not.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import threading
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from helpers import (
    FIXTURES,
    LAUNCH_ARGS,
    PHONE,
    build_site,
    make_project,
    require_chromium,
    run_iopkit,
    start_server,
    url_of,
)
from iopkit.content.validate import load_curriculum
from iopkit.export.markdown_projects import load_site_config
from iopkit.protection.csp import policy, script_hashes
from iopkit.site.paths import generated_pages
from iopkit.site.pipeline import render_audience
from iopkit.site.registry import SITES
from leaks import find_leaks, squash
from test_audience import hidden_facilitator_blocks

# audience -> its site's config file and export folder, from the one registry of sites
CONFIGS = {site.audience: site.config_file for site in SITES}
FOLDERS = {site.audience: site.name for site in SITES}
SESSION = "calm-skills/noticing-stress.html"  # a session page with a worksheet
_POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


# --- building ------------------------------------------------------------------------

def without_iopkit_env() -> dict[str, str]:
    paths = sysconfig.get_paths()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys([paths["purelib"], paths["platlib"]]))
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner
    env["DISABLE_MKDOCS_2_WARNING"] = "true"  # ProperDocs' banner
    return env


def run_without_iopkit(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-S", *args], cwd=project, env=without_iopkit_env(),
                          capture_output=True, text=True, timeout=300)


def assert_iopkit_cannot_be_imported(project: Path) -> None:
    """The build below runs in exactly this interpreter, environment and folder."""
    result = run_without_iopkit(project, "-c", "import iopkit")
    assert result.returncode != 0 and "No module named 'iopkit'" in result.stderr, result.stderr


def build_without_iopkit(builder: str, project: Path, out: Path) -> Path:
    """Build an exported project with `builder`, --strict; the folder of the built site."""
    assert_iopkit_cannot_be_imported(project)
    if builder == "zensical":
        # Zensical has no --site-dir and writes site/ and .cache/ beside the config.
        shutil.copytree(project, out)
        result = run_without_iopkit(out, "-m", "zensical", "build", "--strict")
        out = out / "site"
    else:  # mkdocs and its fork properdocs take the same arguments
        result = run_without_iopkit(project, "-m", builder, "build", "--strict", "-d", str(out))
    assert result.returncode == 0, f"{builder} failed:\n{result.stdout}{result.stderr}"
    return out


def generator(site: Path) -> str:
    """Who built the site, as its pages say: proof the builder under test ran."""
    head = (site / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    return re.search(r'<meta name="generator" content="([^"]*)"', head).group(1)


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@functools.cache
def article(path: Path) -> BeautifulSoup | None:
    """The page's <article>, the content without the theme; parsed alone, as whole pages
    (each with the full nav) parse slowly."""
    html = path.read_text(encoding="utf-8")
    if "<article" not in html:
        return None
    content = BeautifulSoup("<article" + html.split("<article", 1)[1].split("</article>")[0]
                            + "</article>", "html.parser").article
    for skip_target in content.select("a#__skip"):  # Zensical puts its skip link target here
        skip_target.decompose()
    return content


def same_content(built: Path, plugin_built: Path, page: str) -> bool:
    """The same text and the same worksheet controls in the page's article.

    Compared as text, not HTML: the plugin also passes the article through a sanitizer,
    which rewrites harmless markup (style="text-align: right;" to "text-align:right").
    """
    def content(site: Path) -> tuple[str, list[int]]:
        body = article(site / page)
        controls = [len(body.find_all(tag)) for tag in ("form", "textarea", "input", "button")]
        return " ".join(body.get_text(" ").split()), controls
    return content(built) == content(plugin_built)


# --- fixtures: the program, the plugin's build, the export, and its builds ------------------

@pytest.fixture(scope="module")
def program(tmp_path_factory) -> Path:
    """A project of the fixture program; exporting it writes nothing into it."""
    return make_project(tmp_path_factory.mktemp("program") / "project", FIXTURES / "program")


@pytest.fixture(scope="module")
def plugin_sites(program, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("plugin-sites")
    return {site.audience: build_site(program, site, out / site.audience) for site in SITES}


@pytest.fixture(scope="module")
def exported(program, tmp_path_factory) -> dict[str, Path]:
    target = tmp_path_factory.mktemp("export") / "sites"
    result = run_iopkit(program, "export", "--format", "markdown", str(target))
    assert result.returncode == 0, result.stderr
    return {audience: target / folder for audience, folder in FOLDERS.items()}


@pytest.fixture(scope="module")
def built(exported, tmp_path_factory):
    """built(builder, audience) -> the exported project built by that builder (cached)."""
    out = tmp_path_factory.mktemp("builds")
    cache: dict[tuple[str, str], Path] = {}

    def site(builder: str, audience: str) -> Path:
        if (builder, audience) not in cache:
            cache[builder, audience] = build_without_iopkit(builder, exported[audience],
                                                            out / f"{builder}-{audience}")
        return cache[builder, audience]
    return site


@pytest.fixture(scope="module")
def zensical():
    pytest.importorskip("zensical", reason="zensical is not installed (pip install "
                        "'.[test]' installs it where a wheel exists for this platform)")


# --- the exported project ------------------------------------------------------------

def test_config_is_read_as_mkdocs_reads_it(program):
    for config in CONFIGS.values():
        with open(program / config, "rb") as file:
            assert load_site_config(program / config) == yaml_load(file)


@pytest.mark.parametrize("audience", CONFIGS)
def test_export_holds_the_plugins_pages_and_config_without_the_plugin(program, exported, audience):
    project = exported[audience]
    source = load_site_config(program / CONFIGS[audience])
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    site, _ = render_audience(program, audience, other_site_url=source["extra"]["other_site_url"])

    assert "hooks" not in config and "watch" not in config
    # every plugin but iopkit's, whose work the export holds
    assert config["plugins"] == [p for p in source["plugins"] if p != "iopkit"]
    assert config["strict"] is True and config["docs_dir"] == "docs"
    for key in ("site_name", "site_description", "markdown_extensions",
                "extra_css", "extra_javascript"):
        assert config.get(key) == source.get(key), key
    theme = {**source["theme"], "custom_dir": "overrides", "variant": "classic"}
    assert config["theme"] == theme and config["theme"]["font"] is False
    assert (project / "overrides" / "partials" / "crisis-bar.html").is_file()
    assert config["nav"] == site.nav + source["nav"]  # generated pages, then hand-written
    extra = {**source["extra"]}
    if audience == "client":
        extra["crisis_resources"] = [r.model_dump(mode="json")
                                     for r in site.program.crisis_resources]
    assert config["extra"] == extra

    # the pages are the renderer's output, byte for byte, and the hand-written ones copies
    docs = project / "docs"
    for docs_path, markdown in site.pages.items():
        assert (docs / docs_path).read_text(encoding="utf-8") == markdown
    hand_written = program / source["docs_dir"]
    for page in hand_written.rglob("*.md"):
        assert (docs / page.relative_to(hand_written)).read_bytes() == page.read_bytes()
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    assert written == set(site.pages) | {p.relative_to(hand_written).as_posix()
                                         for p in hand_written.rglob("*.md")}


# --- plain MkDocs and ProperDocs -----------------------------------------------------

def expected_pages(program: Path, audience: str) -> set[str]:
    """Every page a build of the site must hold: generated, hand-written, and 404."""
    curriculum, _ = load_curriculum(program)
    docs = program / load_site_config(program / CONFIGS[audience])["docs_dir"]
    sources = generated_pages(curriculum, audience) + [
        p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    return {source.removesuffix(".md") + ".html" for source in sources} | {"404.html"}


@pytest.mark.parametrize("builder", ["mkdocs", "properdocs"])
@pytest.mark.parametrize("audience", CONFIGS)
def test_builds_the_plugins_pages_without_iopkit(program, built, plugin_sites, builder, audience):
    site, plugin_site = built(builder, audience), plugin_sites[audience]
    assert {"mkdocs": "mkdocs-1.", "properdocs": "ProperDocs"}[builder] in generator(site)
    expected = expected_pages(program, audience)
    track_page = {"facilitator": "tracks/daytime.html", "client": "your-week/daytime.html"}
    assert {SESSION, track_page[audience]} <= expected
    assert html_pages(site) == expected
    assert html_pages(site) == html_pages(plugin_site)
    for page in html_pages(plugin_site) - {"404.html"}:
        assert same_content(site, plugin_site, page), page
    if audience == "client":  # the crisis bar, which the plugin's on_config fed, is there
        for page in ("404.html", SESSION):
            assert "Need help now?" in (site / page).read_text(encoding="utf-8")


# --- privacy: the leak check and the Content-Security-Policy ---------------------------

@pytest.fixture(scope="module")
def hidden_blocks(program) -> list[str]:
    """Facilitator-only text blocks that appear nowhere in the client's material."""
    return hidden_facilitator_blocks(load_curriculum(program)[0])


def test_exported_workbook_holds_no_facilitator_text(exported, built, hidden_blocks):
    assert len(hidden_blocks) > 60
    assert find_leaks(exported["client"], hidden_blocks) == []  # docs/, overrides
    config = squash((exported["client"] / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [block for block in hidden_blocks if squash(block) in config] == []
    site = built("mkdocs", "client")
    assert find_leaks(site, hidden_blocks) == []  # HTML, search index, sitemap, 404
    # ...and the check does see them where they belong
    found = {block for block, _ in find_leaks(built("mkdocs", "facilitator"), hidden_blocks)}
    assert found == set(hidden_blocks)


def policies(site: Path) -> dict[str, str]:
    """page -> its policy; a page without one, or with it after a script, fails here."""
    found = {}
    for page in html_pages(site):
        html = (site / page).read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        match = _POLICY_META.search(head)
        assert match, f"{page} has no Content-Security-Policy"
        assert "<script" not in head[:match.start()], f"{page}: a script runs before the policy"
        found[page] = match.group(1)
    return found


def assert_policy_passes_only_the_themes_scripts(site: Path) -> set[str]:
    """Every page's inline scripts are allowed, by hash; the hashes allowed."""
    allowed: set[str] = set()
    expected_rest = re.sub(r"script-src [^;]*", "", policy(""))
    for page, content in policies(site).items():
        script_src = re.search(r"script-src ([^;]*)", content).group(1).split()
        assert script_src[0] == "'self'" and all(_HASH.fullmatch(s) for s in script_src[1:])
        assert re.sub(r"script-src [^;]*", "", content) == expected_rest  # the plugin's policy
        html = (site / page).read_text(encoding="utf-8")
        assert set(script_hashes(html)) <= set(script_src[1:]), f"{page}: a script is refused"
        allowed |= set(script_src[1:])
    return allowed


@pytest.mark.parametrize("builder", ["mkdocs", "properdocs"])
def test_exported_workbook_keeps_its_content_security_policy(built, plugin_sites, builder):
    site = built(builder, "client")
    allowed = assert_policy_passes_only_the_themes_scripts(site)
    # it allows what the plugin's per-page policies allow, and scripts of this theme only
    plugin_allowed = {h for content in policies(plugin_sites["client"]).values()
                    for h in _HASH.findall(content)}
    assert plugin_allowed <= allowed
    assert not any("'unsafe-inline'" in c.split("style-src")[0] for c in policies(site).values())
    # the guide has no policy in the plugin's build either
    guide = built(builder, "facilitator")
    assert _POLICY_META.search((guide / "index.html").read_text(encoding="utf-8")) is None


def test_exported_articles_carry_no_script(built):
    """The plugin sanitizes each article; a plain build cannot, so the export relies on
    `validate` having refused such content (render_audience validates). Check the result."""
    for audience in CONFIGS:
        site = built("mkdocs", audience)
        for page in html_pages(site):
            body = article(site / page)
            if body is None:
                continue
            assert body.find(["script", "iframe", "object", "embed", "style"]) is None, page
            for tag in body.find_all(True):
                assert not any(name.lower().startswith("on") for name in tag.attrs), page
                assert not str(tag.get("href", "")).lower().startswith("javascript:"), page


# --- Zensical ------------------------------------------------------------------------

@pytest.mark.parametrize("audience", CONFIGS)
def test_zensical_builds_the_same_pages_without_iopkit(zensical, built, plugin_sites, audience):
    site, plugin_site = built("zensical", audience), plugin_sites[audience]
    assert generator(site).startswith("zensical-")
    assert html_pages(site) == html_pages(plugin_site)
    for page in html_pages(plugin_site) - {"404.html"}:
        assert same_content(site, plugin_site, page), page


def test_zensical_workbook_keeps_privacy(zensical, built, hidden_blocks):
    site = built("zensical", "client")
    assert find_leaks(site, hidden_blocks) == []
    allowed = assert_policy_passes_only_the_themes_scripts(site)
    # the policy allows the inline scripts of the two builders and nothing else
    seen = set()
    for builder in ("mkdocs", "zensical"):
        for page in html_pages(built(builder, "client")):
            seen |= set(script_hashes((built(builder, "client") / page).read_text("utf-8")))
    assert allowed == seen
    assert "Need help now?" in (site / SESSION).read_text(encoding="utf-8")


# --- in a browser: Material's own scripts run under the exported policy ----------------

@pytest.fixture(scope="module")
def chromium() -> str:
    return require_chromium()


def visit_session_page(chromium: str, site: Path) -> dict[str, object]:
    """What the browser saw on a session page of `site`, served on 127.0.0.1.

    In a thread of its own: Playwright's sync API will not start while another runs in
    this thread, and the browser tests' session keeps one open.
    """
    seen: dict[str, object] = {"refused": []}

    def visit() -> None:
        from playwright.sync_api import sync_playwright
        server = start_server(site)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
                page = browser.new_page(viewport=PHONE)
                page.on("console", lambda message: seen["refused"].append(message.text)
                        if "Content Security Policy" in message.text else None)
                page.goto(url_of(server) + SESSION)
                page.wait_for_load_state("networkidle")
                seen["md_get"] = page.evaluate("typeof __md_get")
                page.locator(".iop-worksheet textarea").first.fill("kept on this device")
                page.reload()
                seen["answer"] = page.locator(".iop-worksheet textarea").first.input_value()
                browser.close()
        except Exception as err:  # reported by the test, in the test's thread
            seen["error"] = err
        finally:
            server.shutdown()

    thread = threading.Thread(target=visit)
    thread.start()
    thread.join(timeout=120)
    if "error" in seen:
        raise seen["error"]
    return seen


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_theme_scripts_run_under_the_exported_policy(chromium, built, builder):
    if builder == "zensical":
        pytest.importorskip("zensical", reason="zensical is not installed")
    seen = visit_session_page(chromium, built(builder, "client"))
    assert seen["refused"] == []
    assert seen["md_get"] == "function"  # Material's inline script in <head> ran
    assert seen["answer"] == "kept on this device"  # and the worksheet script


# --- the command: bad input, atomic writing -----------------------------------------

@pytest.mark.parametrize("args, problem", [
    (["--format", "markdown"], "needs a folder"),
    (["--format", "markdown", "{dir}", "--site", "staff"], "unknown site 'staff'"),
    (["--format", "markdown", "{dir}", "--audience", "staff"], "unknown audience 'staff'"),
    (["--format", "markdown", "{file}"], "is a file"),
    (["--format", "markdown", "{full}"], "is not empty"),
    (["{dir}"], "add --format markdown"),
])
def test_bad_input_is_one_line_with_the_fix(project, tmp_path, args, problem):
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    places = {"{dir}": str(tmp_path / "new"), "{file}": str(tmp_path / "a-file"),
              "{full}": str(tmp_path / "full")}
    result = run_iopkit(project, "export", *[places.get(a, a) for a in args])
    assert result.returncode == 1
    assert problem in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "new").exists()
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("choice", [("--site", "facilitator"), ("--audience", "facilitator"),
                                    ("--site", "workbook"), ("--audience", "client")])
def test_one_site_goes_into_dir_itself_even_an_empty_one(project, tmp_path, choice):
    """--site names the site; --audience, the older spelling, still works for scripts."""
    target = tmp_path / "empty"
    target.mkdir()
    result = run_iopkit(project, "export", "--format", "markdown", str(target), *choice)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in target.iterdir()) == ["docs", "mkdocs.yml", "overrides",
                                                        "requirements.txt"]
    assert (target / "docs" / "coping-basics" / "breathing.md").is_file()
    config = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["extra"].get("audience", "facilitator") == (
        "client" if choice[1] in ("workbook", "client") else "facilitator")


@pytest.mark.parametrize("sabotage, problem", [
    # a hand-written page where iopkit writes one: refused before anything is built
    (("index.md", "# Mine\n"), "is written by hand but iopkit generates that page"),
    # a broken link: the export's own strict build fails after every file was written
    (("broken.md", "[gone](no-such-page.md)\n"), "does not build with mkdocs --strict"),
])
def test_a_failed_export_leaves_nothing(project, tmp_path, sabotage, problem):
    name, text = sabotage
    (project / "curriculum" / "workbook" / name).write_text(text)
    target = tmp_path / "out" / "sites"
    result = run_iopkit(project, "export", "--format", "markdown", str(target))
    assert result.returncode == 1
    assert problem in result.stderr and "Traceback" not in result.stderr
    assert list((tmp_path / "out").iterdir()) == []  # no project, no scratch folder
