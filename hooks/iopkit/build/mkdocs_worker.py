"""Run MkDocs builds in children of this process, which has imported MkDocs once.

`mkdocs build` in a new process for each site paid, per site, a Python start-up, the
import of MkDocs, Material and every Markdown extension, and the reading of every
curriculum file. Here the parent does all of that once (`warm_up`), then forks one child
per site (`start_build`): each child has its own copy of everything, so no state passes
between sites, and it builds exactly as `mkdocs build --strict` would. Where processes
cannot be forked, callers run `python -m mkdocs build` instead (`can_fork`).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import IO

import markdown
from mkdocs.commands.build import build
from mkdocs.config import load_config

from ..content.load import load_files

# As MkDocs' own command line writes each message ("WARNING -  ..."): the build's notes
# are the lines that do not start with INFO.
_LOG_FORMAT = "%(levelname)-7s -  %(message)s"


def can_fork() -> bool:
    return hasattr(os, "fork")


def warm_up(root: Path, config_file: Path) -> None:
    """Import what every build needs and read the curriculum's files, once, here."""
    config = load_config(config_file=str(root / config_file))
    markdown.Markdown(extensions=config.markdown_extensions,
                      extension_configs=config.mdx_configs)  # imports each extension
    load_files(root)  # fills the reader's cache, which the children inherit


def start_build(root: Path, config_file: Path, site_dir: Path, env: dict[str, str],
                log: IO[str]) -> int:
    """Fork a child that builds one site into `site_dir`, writing MkDocs' messages to
    `log`; its process id, for os.waitpid. The child exits 0 when the build succeeded."""
    for stream in (sys.stdout, sys.stderr, log):
        stream.flush()  # else the child would write the parent's pending output again
    pid = os.fork()
    if pid:
        return pid
    status = 1
    logger = logging.getLogger("mkdocs")
    try:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        handler = logging.StreamHandler(log)
        handler.setFormatter(logging.Formatter(_LOG_FORMAT))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        os.chdir(root)
        os.environ.clear()
        os.environ.update(env)
        status = _build(config_file, site_dir, logger)
    except BaseException as err:  # a child must never return into the parent's code
        logger.error(f"{type(err).__name__}: {err}")
    finally:
        logging.shutdown()  # flushes the log
        os._exit(status)


def _build(config_file: Path, site_dir: Path, logger: logging.Logger) -> int:
    config = load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except Exception as err:  # MkDocs' Abort (strict warnings, a plugin's refusal) and kin
        logger.error(str(err))
        return 1
    finally:
        config.plugins.on_shutdown()
    return 0
