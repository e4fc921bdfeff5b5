"""The MkDocs plugin: a site's pages come from the curriculum, not from docs/.

A site's config says `plugins: [..., iopkit]` (the package registers the plugin under that
name), so a program's repository needs no code of its own: installing iopkit brings this
plugin, its theme (theme/, layered between the program's own `custom_dir` overrides and
Material) and its templates. An adapter over the pipeline, which the CLI and tests call
too; the only module of the package that imports MkDocs.

Settings come from the config's `extra:` (so Material and Zensical accept the file):
  extra.audience        facilitator (default) or client
  extra.other_site_url  the other site's root, relative to this one, for cross-links
  extra.language        the workbook in another of program.yml's languages (its code);
                        `iopkit build` sets it in a config of its own for each language
  extra.pdf_url         the folder of the printed documents, relative to this site's root;
                        `iopkit build` sets it when it prints them, and pages link to them
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..content.model import Language
from ..content.problems import ContentError, format_problems
from ..content.validate import load_curriculum
from ..protection.csp import add_policy
from ..protection.sanitize import sanitize
from ..protection.search_index import indexed_html, slim_search_index
from ..site.client_text import client_placeholders
from ..site.paths import ANSWERS_SCRIPT, WORKSHEETS_SCRIPT
from ..site.pipeline import render_audience
from ..site.registry import AUDIENCES, DRAFT_ENV, THEME_DIR, site_for
from ..site.render import RenderedSite, keep_compiled_templates_in
from ..site.theme_words import THEME_WORDS
from ..site.translate import translate_page
from ..site.translations import interface_translations, language_problems, po_path
from .change_watch import ChangeObserver, hears_changes
from .compact_html import compact_html
from .defer_scripts import defer_scripts
from .nav_items import nav_item_once
from .search_languages import drop_unused_search_languages
from .service_worker import write_service_worker
from .theme_files import with_theme_loader
from .user_cache import cache_dir

log = logging.getLogger("mkdocs.plugins.iopkit")
# The theme's run mode for session plans (theme/assets): the guide's alone.
FACILITATOR_ONLY_ASSETS = ("assets/run-session.js", "assets/run-session.css")
UNTRANSLATED_BANNER = ('!!! warning "Borrador / Draft"\n\n'
                       "    {name}: some text on this page is not translated yet and shows "
                       "in English.\n\n")
DRAFT_BANNER = ('!!! warning "Draft preview: not ready for clients"\n\n'
                "    Some text clients read is still a placeholder ({count} found). "
                "`iopkit lint` lists where; a build for clients refuses it.\n\n")


def config_file_name() -> str:
    """The workbook's own config, where its site name and menu titles are written."""
    return site_for("client").config_file


def add_theme(config: MkDocsConfig) -> None:
    """Put iopkit's theme after the program's own overrides and before Material, so a
    program overrides any of its files by writing one at the same path."""
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))


_SET_EXTRA = ("crisis_resources", "languages", "words")  # what on_config sets for the theme


def _stamps(config: MkDocsConfig) -> list[tuple[str, int]]:
    """When each site config (a config may INHERIT another) and each file of iopkit's
    theme and the program's overrides last changed."""
    # Resolved: MkDocs gives the first build of `mkdocs serve` relative paths, later ones not.
    root = Path(config.config_file_path).resolve().parent
    folders = [THEME_DIR] + ([Path(config.theme.custom_dir).resolve()]
                             if config.theme.custom_dir else [])
    paths = list(root.glob("*.yml")) + [file for folder in folders for file in folder.rglob("*")]
    return sorted((str(path), path.stat().st_mtime_ns) for path in paths if path.is_file())


class _Unchanged(File):
    """A generated page whose text and surroundings are as the last build left them: a
    dirty rebuild (`iopkit serve`) skips it."""

    def is_modified(self) -> bool:
        return False


class _DirtyFilter(logging.Filter):
    """MkDocs warns on every dirty build that links and nav may go stale; this plugin
    rebuilds every page whenever the nav or theme changes, so they do not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _for_phones(html: str) -> str:
    """A workbook page as it goes to a phone: without the templates' indentation, shown
    before its scripts arrive, and under the Content-Security-Policy."""
    return add_policy(defer_scripts(compact_html(html)))


def _index_less(config: MkDocsConfig) -> None:
    """The workbook's lean index keeps each page's title and opening text and its
    sections' titles: Material's search plugin, which parses the whole of every page (a
    tenth of a workbook build), is handed only those parts (indexed_html). Its index is
    made anew for each build, after every plugin's on_config: so here, before the pages.
    Should a Material release name things otherwise, it reads whole pages as before."""
    search = next((plugin for name, plugin in config.plugins.items()
                   if name in ("material/search", "search")), None)
    index = getattr(search, "search_index", None)
    add_page = getattr(index, "add_entry_from_context", None)
    if index is None or add_page is None:
        return

    def add_indexed_part(page: Page) -> None:
        content = page.content
        page.content = indexed_html(content or "")
        try:
            add_page(page)
        finally:
            page.content = content

    index.add_entry_from_context = add_indexed_part


class IopkitPlugin(BasePlugin):
    """The rendered site is each build's own state. A `mkdocs build` makes one instance per
    build; under `mkdocs serve` one instance lives across rebuilds (MkDocs keeps plugins that
    have on_startup), and with --dirty it remembers the last build's pages, so a rebuild
    after a save turns into HTML only the pages whose text changed."""

    def __init__(self) -> None:
        self.site: RenderedSite | None = None
        self.dirty = False
        self.last_pages: dict[str, str] = {}  # docs path -> Markdown, as last built
        self.last_surroundings: object = None  # nav and theme, as last built
        # The last build whose curriculum had no errors: its site, config.extra settings,
        # nav and site name, which a preview keeps showing while the curriculum has errors.
        self.last_good: tuple[RenderedSite, dict, list | None, str] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty and command == "serve"
        if self.dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyFilter())

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: object) -> LiveReloadServer:
        """Hear a save as it lands: MkDocs polls the watched folders twice a second, up to
        half a second between a save and its rebuild; the system's own change notices
        take milliseconds (change_watch). MkDocs has watched the docs folder and config
        (and, with --watch-theme, the theme) before this event: those move to the new
        observer. The config's `watch:` folders are added after it, to the new one.
        Where the notices cannot watch them all, MkDocs keeps polling."""
        if not hears_changes([p for p in (config.docs_dir, config.config_file_path,
                                          *config.watch) if p]):
            log.warning("The system's change notices cannot watch the curriculum (on Linux: "
                        "fs.inotify.max_user_watches is used up), so the preview checks "
                        "for saves twice a second instead. Raising that limit, or closing "
                        "programs that watch many files, makes it hear them at once.")
            return server
        moved = []
        for path in [p for p in (config.docs_dir, config.config_file_path, *config.theme.dirs) if p]:
            try:
                server.unwatch(path)
            except KeyError:  # not watched
                continue
            moved.append(path)
        server.observer = ChangeObserver()
        for path in moved:
            server.watch(path)
        return server

    def _client(self, config: MkDocsConfig) -> bool:
        return config.extra.get("audience") == "client"

    @event_priority(100)  # before Material's search plugin makes environments for its words
    def _set_up_theme_environments(self, config: MkDocsConfig) -> MkDocsConfig:
        """Every environment the theme makes lists its files without Material's icons
        (theme_files), and keeps its templates' compiled code between builds, as iopkit's
        page templates do: compiling them anew was a sixth of a small build. Jinja checks
        each template's source against its compiled code, so an edited one is compiled anew."""
        cache = cache_dir("jinja")
        keep_compiled_templates_in(cache)
        get_env = config.theme.get_env

        def theme_env() -> jinja2.Environment:
            env = with_theme_loader(get_env())
            if cache is not None:
                env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
            return env

        config.theme.get_env = theme_env  # type: ignore[method-assign]
        return config

    def _configure_pages(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self._configure(config)
        except ContentError as err:
            if not (self.dirty and self.last_good):
                raise Abort(f"The curriculum has errors; nothing was built.\n{err}") from None
            # A preview keeps showing the last good version; the terminal says what to fix.
            log.error(f"The curriculum has errors; the preview shows it as it was before.\n{err}")
            self.site, extra, config.nav, config.site_name = self.last_good
            config.extra.update(extra)
            return config
        if self.dirty:
            assert self.site is not None
            extra = {key: config.extra[key] for key in _SET_EXTRA if key in config.extra}
            self.last_good = (self.site, extra, config.nav, config.site_name)
        return config

    on_config = CombinedEvent(_set_up_theme_environments, _configure_pages)

    def _configure(self, config: MkDocsConfig) -> None:
        """This build's pages and nav, and the settings the theme reads (config.extra);
        raises ContentError when the curriculum has errors."""
        audience = config.extra.get("audience", "facilitator")
        if audience not in AUDIENCES:
            raise Abort(f"{config.config_file_path}: extra.audience is '{audience}'; "
                        f"use one of: {', '.join(AUDIENCES)}")
        add_theme(config)
        root = Path(config.config_file_path).parent
        language = config.extra.get("language") if audience == "client" else None
        self.site, warnings = render_audience(
            root, audience, other_site_url=config.extra.get("other_site_url", ""),
            language=language, pdf_url=config.extra.get("pdf_url", ""))
        for warning in warnings:
            log.info(warning.as_text())  # content warnings are `iopkit validate`'s to report
        if audience == "client":
            if language is None:  # a translation is checked on its own (_set_languages)
                self._refuse_or_mark_placeholders(root)
            # The theme shows these on every workbook page, 404 included.
            config.extra["crisis_resources"] = [
                resource.model_dump() for resource in self.site.program.crisis_resources]
            self._set_languages(root, config, language)
        config.nav = self.site.nav + (config.nav or [])  # hand-written pages follow generated ones

    def _refuse_or_mark_placeholders(self, root: Path) -> None:
        """Placeholder text never reaches clients: the build stops, naming each one's
        line; a draft preview (`iopkit serve`) shows the pages with a banner instead."""
        assert self.site is not None
        placeholders = client_placeholders(root, self.site.curriculum)
        if not placeholders:
            return
        if os.environ.get(DRAFT_ENV) != "1":
            raise Abort("The workbook would show placeholder text; nothing was built.\n"
                        f"{format_problems(placeholders)}\nWrite the real text, or preview "
                        "the draft with `iopkit serve --site workbook`.")
        banner = DRAFT_BANNER.format(count=len(placeholders))
        self.site.pages = {path: banner + page for path, page in self.site.pages.items()}

    def _set_languages(self, root: Path, config: MkDocsConfig, language: str | None) -> None:
        """The switch to the same page in the other languages, and for another language,
        its translated words (theme, menu, site name), refusing an incomplete translation."""
        assert self.site is not None
        published = [lang for lang in self.site.program.languages if not lang.draft]
        if language is None:
            config.extra["languages"] = [{"code": lang.code, "name": lang.name,
                                          "prefix": f"{lang.code}/"} for lang in published]
            return
        known = {lang.code: lang for lang in self.site.program.languages}
        if language not in known:
            raise Abort(f"{config.config_file_path}: extra.language is '{language}', which "
                        f"is not among program.yml's languages ({', '.join(known) or 'none'})")
        words = self.site.words
        assert words is not None
        self._refuse_or_mark_untranslated(root, known[language])
        interface = interface_translations(root, language)
        config.extra["words"] = {word: interface.gettext(word) for word in THEME_WORDS}
        config.extra["languages"] = [{"code": "en", "name": "English", "prefix": "../"}]
        config.site_name = words.text(config_file_name(), "site_name", config.site_name)
        config.nav = [{words.text(config_file_name(), f"nav.{n}", title): target
                       for title, target in item.items()} if isinstance(item, dict) else item
                      for n, item in enumerate(config.nav or [])]

    def _refuse_or_mark_untranslated(self, root: Path, language: Language) -> None:
        """Clients never get a half-translated workbook: the build stops, naming what is
        missing; a draft language (or a preview) is built with a banner saying so."""
        assert self.site is not None and self.site.words is not None
        curriculum, _ = load_curriculum(root)
        problems = [p for p in language_problems(root, curriculum)
                    if p.path == po_path(language.code) or language.name in p.message]
        if not problems:
            return
        if not language.draft and os.environ.get(DRAFT_ENV) != "1":
            raise Abort(f"The {language.name} workbook is not completely translated; nothing "
                        f"was built.\n{format_problems(problems)}\nTranslate what is missing "
                        f"(locale/{language.code}.po), or mark the language `draft: true`.")
        banner = UNTRANSLATED_BANNER.format(name=language.name)
        self.site.pages = {path: banner + page for path, page in self.site.pages.items()}

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig,
               files: Files) -> jinja2.Environment:
        env.globals["nav_item_once"] = nav_item_once()  # theme/partials/nav.html
        return env

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        if self._client(config):  # the theme's facilitator-only files stay out of the workbook
            for path in FACILITATOR_ONLY_ASSETS:
                found = files.get_file_from_path(path)
                if found is not None:
                    files.remove(found)
        if self.site.words is not None:  # another language: the hand-written pages too
            root = Path(config.config_file_path).parent
            for page in [f for f in files.documentation_pages()
                         if not f.generated_by and f.abs_src_path]:
                source = Path(str(page.abs_src_path))
                text = translate_page(source.read_text(encoding="utf-8"),
                                      source.relative_to(root).as_posix(), self.site.words)
                files.remove(page)
                files.append(File.generated(config, page.src_uri, content=text))
        for docs_path, text in {**self.site.pages, **self.site.files}.items():
            if files.get_file_from_path(docs_path) is not None:
                raise Abort(f"{config.docs_dir}/{docs_path} is written by hand but iopkit "
                            "generates that page; rename or remove the hand-written file")
            files.append(File.generated(config, docs_path, content=text))
        return self._mark_unchanged(files, config) if self.dirty else files

    def _mark_unchanged(self, files: Files, config: MkDocsConfig) -> Files:
        """For a dirty rebuild: every page, hand-written ones too, carries its text, and a
        page is rebuilt only if that text changed since the last build, or anything around
        it did (the nav, the theme's settings from program.yml, the config, the theme's
        files): then every page is."""
        # What the theme shows on every page besides its text: the crisis box and
        # language switch come from program.yml through config.extra.
        surroundings = (repr(config.nav), repr(config.extra), config.site_name, _stamps(config))
        pages: dict[str, str] = {}
        for file in files.documentation_pages():
            pages[file.src_uri] = file.content_string
            if file.abs_src_path:  # hand-written: as generated, so it is judged by its text
                files.remove(file)
                files.append(File.generated(config, file.src_uri, content=pages[file.src_uri]))
        if surroundings == self.last_surroundings:
            for path, text in pages.items():
                if self.last_pages.get(path) == text:
                    files.remove(files.src_uris[path])
                    files.append(_Unchanged.generated(config, path, content=text))
        self.last_pages, self.last_surroundings = pages, surroundings
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._client(config):
            _index_less(config)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        # The article as Markdown made it, before the theme wraps it (and before the search
        # index reads it): nothing from content can add script.
        return sanitize(html)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return _for_phones(output) if self._client(config) else output

    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str:
        # 404.html is a template, not a page: it gets the same treatment.
        if not (self._client(config) and template_name.endswith(".html")):
            return output_content
        return _for_phones(output_content)

    def _slim_search_index(self, *, config: MkDocsConfig) -> None:
        # Runs before the offline plugin copies the index into search_index.js (priority -100).
        if self._client(config):
            slim_search_index(Path(config.site_dir))

    def _lighten(self, *, config: MkDocsConfig) -> None:
        # The workbook's phones fetch only the theme's rules its pages can use, and the
        # theme's and site's own stylesheets and scripts minified. Not in a preview
        # (--dirty): its rebuilds keep the files the first build wrote, so leaning them
        # would lose the rules a class new since then needs; unlightened, the pages look
        # the same, and a rebuild is a third faster.
        if not self._client(config) or self.dirty:
            return
        # Imported here: the guide's build never needs them, and `iopkit build` imports
        # the plugin before it starts the sites' builds (35 ms, CSS parser and minifier).
        from .lean_css import drop_unused_rules
        from .minify import minify_files
        site_dir = Path(config.site_dir)
        theme = [site_dir / p.relative_to(THEME_DIR) for p in THEME_DIR.glob("assets/**/*")]
        # Material's stylesheets and iopkit's own (which styles the guide's pages too); a
        # program's extra_css is left as its authors wrote it.
        own_css = [file for file in theme if file.suffix == ".css" and file.is_file()]
        drop_unused_rules(site_dir, sorted([*site_dir.glob("assets/stylesheets/*.css"), *own_css]),
                          [site_dir / ANSWERS_SCRIPT, site_dir / WORKSHEETS_SCRIPT])
        extra = [site_dir / str(name) for name in [*config.extra_css, *config.extra_javascript]]
        minify_files(sorted({file for file in theme + extra if file.is_file()}),
                     cache_dir("minified"))

    def _drop_what_phones_never_load(self, *, config: MkDocsConfig) -> None:
        # Material's source maps (1.2 MB) serve only its developers' debugging, and lunr's
        # support for languages the search does not use (900 KB) is never loaded; yet the
        # service worker would fetch both onto every client's phone, and the zip carry them.
        if self._client(config):
            site_dir = Path(config.site_dir)
            for source_map in site_dir.glob("assets/**/*.map"):
                source_map.unlink()
            drop_unused_search_languages(site_dir)

    # After every other plugin (the offline plugin is -100), so it lists every file.
    @event_priority(-110)
    def _write_service_worker(self, *, config: MkDocsConfig) -> None:
        if self._client(config):
            write_service_worker(Path(config.site_dir))

    on_post_build = CombinedEvent(_slim_search_index, _lighten, _drop_what_phones_never_load,
                                  _write_service_worker)
