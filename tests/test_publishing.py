"""What gets published: the sites at their address under a sub-path, with 404 pages whose
links work there; JSON Schemas any strict validator accepts; hours as people read them."""

from __future__ import annotations

import contextlib
import json
import shutil
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from jsonschema_specifications import REGISTRY

from helpers import REPO, make_project, run_iopkit, start_server, url_of
from iopkit.content.validate import load_curriculum
from iopkit.editing.schema import FILE_KINDS, schema_for
from iopkit.site.render import hours, render_site

# --- 404 pages where the sites are published ---------------------------------------------

SUB_PATH = "clinic/"
# Each 404 page (relative to site/) and a missing page it answers for, deep in a site, as a
# web host serves it: GitHub Pages answers every missing page of a project with the root's.
NOT_FOUND_PAGES = {
    "root": ("404.html", "workbook/relapse-prevention/no-such-page.html"),
    "facilitator": ("facilitator/404.html", "facilitator/relapse-prevention/no-such-page.html"),
    "workbook": ("workbook/404.html", "workbook/relapse-prevention/no-such-page.html"),
}


@contextlib.contextmanager
def serving(folder: Path, not_found: str | None = None) -> Iterator[str]:
    """The folder on 127.0.0.1 (its base URL), answering missing pages with `not_found`."""
    server = start_server(folder, not_found)
    try:
        yield url_of(server)
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def links_on(page: str) -> list[str]:
    soup = BeautifulSoup(page, "html.parser")
    links = [tag[attr] for attr in ("href", "src") for tag in soup.find_all(attrs={attr: True})]
    # Material's settings name the search worker it loads: a link too, in JSON.
    config = soup.find("script", id="__config")
    if config is not None and config.string:
        links.append(json.loads(config.string)["search"])
    return links


def broken_links(page_url: str, page: str) -> list[str]:
    """Each link on a page that does not load (HTTP 200) from where the page was served."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page_url))
    broken = []
    for link in links_on(page):
        if link.startswith("#"):  # within the page itself
            continue
        url = urljoin(page_url, link)
        if urlsplit(url).scheme not in ("http", "https"):  # tel:, sms: (the crisis lines)
            continue
        if not url.startswith(origin + "/"):
            broken.append(f"{link}: leaves the site")
            continue
        status, _ = fetch(url)
        if status != 200:
            broken.append(f"{link}: HTTP {status}")
    return broken


def broken_links_on_404(folder: Path, page: str, missing: str) -> list[str]:
    """Serve `folder` answering missing pages with `page`, ask for `missing`, and return the
    answer's broken links."""
    with serving(folder, not_found=page) as base:
        status, answer = fetch(base + missing)
        assert status == 404, f"{missing} should be missing"
        assert answer == (folder / page).read_text(encoding="utf-8")
        links = links_on(answer)
        assert links, f"{page} links nowhere"
        return broken_links(base + missing, answer)


def built(project: Path, *build_args: str) -> Path:
    result = run_iopkit(project, "build", *build_args)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def published_under_sub_path(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """The fixture project built for http://127.0.0.1:PORT/clinic/, and site/ served there:
    (the folder served, holding clinic/; its base URL)."""
    www = tmp_path_factory.mktemp("www")
    project = make_project(tmp_path_factory.mktemp("sub-path") / "project")
    configs = {name: (project / name).read_text() for name in ("mkdocs.yml", "workbook.yml")}
    with serving(www) as base:
        site = built(project, "--site-url", base + SUB_PATH)
        shutil.copytree(site, www / SUB_PATH)
        # The address reached MkDocs through a throwaway config, now gone; the real ones
        # are as they were.
        assert sorted(p.name for p in project.glob(".*.yml")) == []
        assert {name: (project / name).read_text() for name in configs} == configs
        yield www, base


@pytest.fixture(scope="module")
def built_without_site_url(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("no-site-url") / "project")
    # Root pages an earlier build for publishing left: they name an address, so they go.
    (project / "site").mkdir()
    for name in ("index.html", "404.html"):
        (project / "site" / name).write_text("<a href='/old/'>old</a>")
    return built(project)


@pytest.mark.parametrize("which", NOT_FOUND_PAGES)
def test_404_pages_link_to_what_exists_when_published_under_a_sub_path(
        published_under_sub_path, which):
    www, _ = published_under_sub_path
    page, missing = NOT_FOUND_PAGES[which]
    assert broken_links_on_404(www, SUB_PATH + page, SUB_PATH + missing) == []


@pytest.mark.parametrize("which", ["facilitator", "workbook"])
def test_404_pages_built_without_a_site_url_work_at_the_root_of_a_server(
        built_without_site_url, which):
    _, missing = NOT_FOUND_PAGES[which]
    site = built_without_site_url / which
    assert broken_links_on_404(site, "404.html", missing.removeprefix(f"{which}/")) == []


def test_without_a_site_url_site_holds_the_sites_alone(built_without_site_url):
    assert sorted(p.name for p in built_without_site_url.iterdir()) == [
        "facilitator", "pdf", "workbook", "workbook.zip"]


def test_the_workbook_zip_holds_the_built_workbook_byte_for_byte(built_without_site_url):
    workbook = built_without_site_url / "workbook"
    with zipfile.ZipFile(built_without_site_url / "workbook.zip") as archive:
        zipped = {name: archive.read(name) for name in archive.namelist()}
    # The zip is written while the other sites still build, from the workbook's own output.
    assert zipped == {f"workbook/{p.relative_to(workbook).as_posix()}": p.read_bytes()
                      for p in sorted(workbook.rglob("*")) if p.is_file()}


def test_clients_never_download_source_maps(built_without_site_url):
    """Material's source maps are for its developers; the service worker would fetch them
    onto every phone that opens the workbook."""
    workbook = built_without_site_url / "workbook"
    assert list((built_without_site_url / "facilitator").rglob("*.map"))  # Material has them
    assert list(workbook.rglob("*.map")) == []
    assert '.map"' not in (workbook / "sw.js").read_text()  # no such file in its list


def test_without_a_site_url_the_404_page_breaks_under_a_sub_path(built_without_site_url, tmp_path):
    """Why --site-url exists; and proof the check above can fail."""
    shutil.copytree(built_without_site_url, tmp_path / SUB_PATH)
    page, missing = NOT_FOUND_PAGES["workbook"]
    broken = broken_links_on_404(tmp_path, SUB_PATH + page, SUB_PATH + missing)
    assert any("/assets/stylesheets/" in link for link in broken), broken


def test_landing_page_links_to_both_sites_and_the_workbook_zip(published_under_sub_path):
    _, base = published_under_sub_path
    status, page = fetch(base + SUB_PATH)  # index.html
    assert status == 200
    assert links_on(page) == ["facilitator/index.html", "workbook/index.html", "workbook.zip"]
    assert broken_links(base + SUB_PATH, page) == []
    assert "Facilitator Guide" in page and "My Recovery Workbook" in page


def test_a_site_url_that_is_not_a_web_address_is_refused(project):
    result = run_iopkit(project, "build", "--site-url", "example.org/clinic")
    assert result.returncode == 2
    assert "'example.org/clinic' is not a web address" in result.stderr
    assert not (project / "site").exists()


# --- JSON Schemas: plain JSON Schema 2020-12 ------------------------------------------------

def _vocabulary_2020_12() -> set[str]:
    """Every keyword of JSON Schema 2020-12, from its own meta-schemas (one per vocabulary)."""
    top = REGISTRY["https://json-schema.org/draft/2020-12/schema"].contents
    return {keyword for vocabulary in top["$vocabulary"]
            for keyword in REGISTRY[vocabulary.replace("/vocab/", "/meta/")].contents["properties"]}


VOCABULARY = _vocabulary_2020_12()
# Where a keyword's value holds schemas, rather than data (enum, const, default, examples).
NAMED_SUBSCHEMAS = {"$defs", "properties", "patternProperties", "dependentSchemas"}
LISTED_SUBSCHEMAS = {"allOf", "anyOf", "oneOf", "prefixItems"}
ONE_SUBSCHEMA = {"items", "additionalProperties", "not", "if", "then", "else", "contains",
                 "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"}


def unknown_keywords(schema: object, where: str = "#") -> list[str]:
    """Keywords outside JSON Schema 2020-12, each with its JSON Pointer."""
    if not isinstance(schema, dict):  # true and false are schemas too
        return []
    found = [f"{where}/{key}" for key in schema if key not in VOCABULARY]
    for key, value in schema.items():
        if key in NAMED_SUBSCHEMAS:
            for name, sub in value.items():
                found += unknown_keywords(sub, f"{where}/{key}/{name}")
        elif key in LISTED_SUBSCHEMAS:
            for index, sub in enumerate(value):
                found += unknown_keywords(sub, f"{where}/{key}/{index}")
        elif key in ONE_SUBSCHEMA:
            found += unknown_keywords(value, f"{where}/{key}")
    return found


def test_the_vocabulary_is_json_schema_2020_12_and_the_walk_finds_a_stray_keyword():
    assert {"$ref", "$defs", "oneOf", "properties", "const", "title"} <= VOCABULARY
    assert "discriminator" not in VOCABULARY and "definitions" not in VOCABULARY
    planted = {"$defs": {"Field": {"oneOf": [{"type": "string"}], "discriminator": {}}}}
    assert unknown_keywords(planted) == ["#/$defs/Field/discriminator"]


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_schemas_use_only_json_schema_2020_12_keywords(kind):
    committed = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text())
    assert unknown_keywords(committed) == []
    assert unknown_keywords(schema_for(kind)) == []
    Draft202012Validator.check_schema(committed)


def test_worksheet_field_types_are_still_told_apart_by_one_of():
    schema = schema_for("worksheet")
    choices = schema["properties"]["fields"]["items"]["oneOf"]
    assert [choice["$ref"] for choice in choices] == [
        "#/$defs/TextField", "#/$defs/ScaleField", "#/$defs/ChecklistField", "#/$defs/TableField"]
    validator = Draft202012Validator(schema)
    scale = {"id": "urge", "label": "How strong is the urge?", "type": "scale",
             "low": "No urge", "high": "The strongest urge"}
    worksheet = {"id": "urges", "title": "Urges", "instructions": "Rate it.", "fields": [scale]}
    assert list(validator.iter_errors(worksheet)) == []
    slider = {**worksheet, "fields": [{**scale, "type": "slider"}]}
    assert list(validator.iter_errors(slider)) != []


# --- hours as people read them ---------------------------------------------------------------

@pytest.mark.parametrize(("value", "shown"), [
    (620 / 60, "10.3"), (675 / 60, "11.3"), (10.0, "10"), (9, "9"), (585 / 60, "9.8"),
    (10.96, "11"),
])
def test_hours_show_at_most_one_decimal_place(value, shown):
    assert hours(value) == shown


def test_a_track_of_ten_and_a_third_hours_reads_10_3_on_its_page(project):
    # Monday and Wednesday 205 minutes of groups, Friday 210: 620 minutes, 10.333... hours.
    days = {"monday": 130, "wednesday": 130, "friday": 135}
    lines = ["id: week", 'title: "Test week"', 'description: "For tests."',
             'what_to_bring: ["A pen"]', "weeks:", "  - week: 1", "    days:"]
    for day, group_minutes in days.items():
        lines += [f"      - day: {day}", "        blocks:",
                  '          - { start: "09:00", minutes: 15, kind: check-in }',
                  '          - { start: "09:15", minutes: 60, kind: session, session: breathing }',
                  f'          - {{ start: "10:15", minutes: {group_minutes}, kind: process-group }}']
    (project / "curriculum/tracks").mkdir()
    (project / "curriculum/tracks/week.yml").write_text("\n".join(lines) + "\n")
    curriculum, problems = load_curriculum(project)
    assert [p for p in problems if p.severity == "error"] == []
    page = render_site(curriculum, "facilitator").pages["tracks/week.md"]
    assert "Hours of groups this week: 10.3\n" in page
    assert "**Hours of groups a week:** 10.3 (breaks not counted;" in page
    assert "program range 9 to 19)" in page
    assert "10.33" not in page
