"""Listing the theme's files without walking the folders MkDocs would skip.

Each build, MkDocs lists every file in the theme's folders (its Jinja loader's
list_templates) to copy the static ones into the site, then drops every path through a
folder whose name starts with a dot. Material keeps its icons in such a folder, .icons:
some 14,000 files, walked and matched against a dozen patterns in every build (a
twentieth of a small one). This loader lists the same files less that folder's
contents, which MkDocs would have dropped; it finds and reads templates as Jinja's own
does.
"""

from __future__ import annotations

import os

import jinja2


class ThemeLoader(jinja2.FileSystemLoader):
    def list_templates(self) -> list[str]:
        # jinja2.FileSystemLoader.list_templates, with dot-folders not entered.
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                for name in names:
                    template = (os.path.join(folder, name)[len(searchpath):]
                                .strip(os.path.sep).replace(os.path.sep, "/"))
                    found.add(template.removeprefix("./"))
        return sorted(found)


def with_theme_loader(env: jinja2.Environment) -> jinja2.Environment:
    """`env` (as a MkDocs theme makes it, with a FileSystemLoader) listing through
    ThemeLoader; any other loader is left as it is."""
    loader = env.loader
    if type(loader) is jinja2.FileSystemLoader:
        env.loader = ThemeLoader(loader.searchpath, encoding=loader.encoding,
                                 followlinks=loader.followlinks)
    return env
