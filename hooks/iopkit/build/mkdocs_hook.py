"""The MkDocs hook: this site's pages come from the curriculum, not from docs/.

An adapter over the pipeline, which the CLI and tests call too; the only module of the
package that imports MkDocs. A site's config names hooks/iopkit_hook.py, which hands
MkDocs these functions.

Settings come from the config's `extra:` (so Material and Zensical accept the file):
  extra.audience        facilitator (default) or client
  extra.other_site_url  the other site's root, relative to this one, for cross-links
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from ..content.problems import ContentError
from ..protection.csp import add_policy
from ..protection.sanitize import sanitize
from ..protection.search_index import slim_search_index
from ..site.pipeline import render_audience
from ..site.registry import AUDIENCES
from ..site.render import RenderedSite

log = logging.getLogger("mkdocs.hooks.iopkit")
_site: RenderedSite | None = None


def template_cache_dir() -> Path | None:
    """Where compiled Jinja templates are kept between builds (per user, outside site/);
    None where no such folder can be made, and builds simply compile as before."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "iopkit" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    audience = config.extra.get("audience", "facilitator")
    if audience not in AUDIENCES:
        raise Abort(f"{config.config_file_path}: extra.audience is '{audience}'; "
                    f"use one of: {', '.join(AUDIENCES)}")
    root = Path(config.config_file_path).parent
    try:
        _site, warnings = render_audience(root, audience,
                                          other_site_url=config.extra.get("other_site_url", ""))
    except ContentError as err:
        raise Abort(f"The curriculum has errors; nothing was built.\n{err}") from None
    for warning in warnings:
        log.info(warning.as_text())  # content warnings are `iopkit validate`'s to report
    if audience == "client":
        # The theme shows these on every workbook page, 404 included.
        config.extra["crisis_resources"] = [
            resource.model_dump() for resource in _site.program.crisis_resources]
    config.nav = _site.nav + (config.nav or [])  # hand-written pages follow generated ones
    return config


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    # Material's templates are compiled anew by every build; a bytecode cache (keyed by
    # each template's source) skips that on the next build: a fifth of a small build.
    cache = template_cache_dir()
    if cache is not None:
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None
    for docs_path, markdown in _site.pages.items():
        if files.get_file_from_path(docs_path) is not None:
            raise Abort(f"{config.docs_dir}/{docs_path} is written by hand but iopkit generates "
                        "that page; rename or remove the hand-written file")
        files.append(File.generated(config, docs_path, content=markdown))
    return files


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    # The article as Markdown made it, before the theme wraps it (and before the search
    # index reads it): nothing from content can add script.
    return sanitize(html)


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return add_policy(output) if config.extra.get("audience") == "client" else output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a template, not a page: it gets the same policy.
    return add_policy(output) if config.extra.get("audience") == "client" else output


def on_post_build(config: MkDocsConfig) -> None:
    # Runs before the offline plugin copies the index into search_index.js (priority -100).
    if config.extra.get("audience") == "client":
        slim_search_index(Path(config.site_dir))
