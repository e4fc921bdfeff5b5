"""Read YAML and keep the line and column of every key and value.

PyYAML's composer gives a node tree with positions; we build plain Python data from it
and, beside it, a map from each data path (("agenda", 2, "minutes")) to where it was
written. Later stages point editors at the exact line of a problem with that map.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, Severity

DataPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    path: str  # relative to the project root
    data: Any
    # Where each value starts; for mapping keys, KEY_MARK + key holds where the key starts.
    positions: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # the source, for comments lint reads

    def position_of(self, data_path: DataPath) -> tuple[int, int]:
        """Line and column of a data path, or of its nearest ancestor that was written."""
        path = tuple(data_path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def key_position(self, data_path: DataPath) -> tuple[int, int]:
        """Where the key of a mapping entry is written (unknown keys are reported there)."""
        parent, key = tuple(data_path[:-1]), data_path[-1]
        return self.positions.get(parent + (KEY_MARK + str(key),), self.position_of(data_path))

    def problem(self, data_path: DataPath, message: str,
                severity: Severity = "error") -> Problem:
        """A problem at the line where this data path (or its nearest ancestor) is written:
        the one way every check points an editor at a place in a file."""
        line, col = self.position_of(data_path)
        return Problem(self.path, line, col, message, severity)


KEY_MARK = "\x00key:"
MAX_FILE_BYTES = 1_000_000  # the longest shipped file is about 25 kB
MAX_DEPTH = 12  # the deepest shipped file nests 6 levels
# libyaml's parser when PyYAML was built with it (much faster); the same nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_plain_yaml(file: Path) -> Any:
    """A file's data as PyYAML's safe loader reads it, without marks or this module's
    checks: a glance at a file (a site config, program.yml's languages) that the build
    reads again in full. Raises OSError and yaml.YAMLError."""
    return yaml.load(file.read_text(encoding="utf-8"), Loader=_Loader)


class _Refused(Exception):
    """YAML that parses but that we refuse, with where and why."""

    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def _build(node: yaml.Node, loader: yaml.SafeLoader, path: DataPath,
           positions: dict[DataPath, tuple[int, int]], seen: set[int]) -> Any:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    positions[path] = (line, col)
    if id(node) in seen:
        # The composer hands back the anchored node again for every alias: refusing the
        # second visit stops alias bombs (billion laughs) before anything is expanded.
        raise _Refused(line, col, "anchors and aliases (&name, *name, <<: *name) are not "
                                  f"supported; the anchor is on line {line}. Write the text out "
                                  "in each place")
    if len(path) > MAX_DEPTH:
        raise _Refused(line, col, f"nested more than {MAX_DEPTH} levels deep; curriculum files "
                                  "never need this, check the indentation")
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                               "merge keys (<<) are not supported; write the keys out in this "
                               "mapping")
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            key_where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = positions[path + (KEY_MARK + str(key),)]
                raise _Refused(*key_where, f"key '{key}' appears twice (first on line "
                                           f"{first[0]}); keep one and delete the other")
            positions[path + (KEY_MARK + str(key),)] = key_where
            result[key] = _build(value_node, loader, path + (str(key),), positions, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, loader, path + (i,), positions, seen)
                for i, item in enumerate(node.value)]
    seen.add(id(node))
    if node.tag == "tag:yaml.org,2002:str":
        return node.value  # most values: text needs no constructor (a third of load time)
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, rel_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document; on failure return the problem instead of raising."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(rel_path, None, {(): (1, 1)}, text.splitlines()), []
        positions: dict[DataPath, tuple[int, int]] = {}
        data = _build(node, loader, (), positions, set())
        return YamlDocument(rel_path, data, positions, text.splitlines()), []
    except _Refused as refused:
        return None, [Problem(rel_path, refused.line, refused.col, refused.message)]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(rel_path, line, col, _syntax_message(err, text, line))]
    except yaml.YAMLError as err:
        return None, [Problem(rel_path, 1, 1, f"YAML could not be read: {err}")]
    except RecursionError:
        return None, [Problem(rel_path, 1, 1, "nested far too deeply to read; curriculum files "
                                              "never need this, check the brackets")]
    finally:
        loader.dispose()


def _syntax_message(err: yaml.MarkedYAMLError, text: str, line: int) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return ("YAML syntax error: this line has a tab character; YAML indents with spaces "
                "only, so replace each tab with spaces")
    what = err.problem or err.context or "not valid YAML"
    return (f"YAML syntax error: {what}. Check indentation (spaces, not tabs), that every "
            "'key: value' has a space after the colon, and quote text that contains ': ' or "
            "starts with a special character")


def read_yaml(file: Path, root: Path) -> tuple[YamlDocument | None, list[Problem]]:
    rel_path = file.relative_to(root).as_posix()
    if file.stat().st_size > MAX_FILE_BYTES:
        return None, [Problem(rel_path, 1, 1, f"file is {file.stat().st_size:,} bytes; a "
                                              f"curriculum file may be at most {MAX_FILE_BYTES:,}."
                                              " Split the text into several sessions")]
    return parse_yaml_bytes(file.read_bytes(), rel_path)


# Below this many files one process is quicker than starting workers.
PARALLEL_FROM = 150


Reader = Callable[[Path, Path], tuple["YamlDocument | None", list[Problem]]]


Read = tuple["YamlDocument | None", list[Problem]]
# What each file read to when last read, by (reader, file): a process that reads the
# curriculum again (`iopkit serve` after a save; the build's parent, whose children then
# build one site each) reads only the files that changed. Results are never changed after
# reading, so sharing them is safe.
_last_read: dict[tuple[Reader, Path], tuple[tuple[int, int], Read]] = {}


def _stamp(file: Path) -> tuple[int, int] | None:
    try:
        status = file.stat()
    except OSError:
        return None  # the reader says what is wrong
    return status.st_mtime_ns, status.st_size


# Reads started by read_ahead and not yet taken: (reader, each file's stamp, the workers,
# what they will hand back).
_ahead: list[tuple[Reader, dict[Path, tuple[int, int] | None], Any, Any]] = []


def _pool(files: int) -> Any:
    import multiprocessing
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return context.Pool(1 if files < PARALLEL_FROM else min(os.cpu_count() or 2, 8))


def read_ahead(files: list[Path], root: Path, reader: Reader) -> None:
    """Start reading `files` with `reader` in other processes, while this one goes on
    with other work (a build loads MkDocs meanwhile); read_all_yaml takes what they read.
    Where processes cannot be forked it does nothing: read_all_yaml reads then."""
    if files and hasattr(os, "fork"):
        stamps = {file: _stamp(file) for file in files}
        pool = _pool(len(files))
        _ahead.append((reader, stamps, pool,
                       pool.starmap_async(reader, [(file, root) for file in files], chunksize=32)))


def stop_reading_ahead() -> None:
    """Stop the reads read_ahead started that nothing took (the build failed first)."""
    while _ahead:
        _ahead.pop()[2].terminate()


def _take_read_ahead() -> None:
    """Wait for the reads read_ahead started and remember them as read, at the stamps
    their files had before (a file changed since is then read again)."""
    while _ahead:
        reader, stamps, pool, pending = _ahead.pop()
        try:
            fresh = pending.get()
        except Exception:  # read again in this process, which says why
            continue
        finally:
            pool.close()
            pool.join()  # its threads gone before this process forks the builds
        for (file, stamp), result in zip(stamps.items(), fresh, strict=True):
            if stamp is not None:
                _last_read[(reader, file)] = (stamp, result)


def read_all_yaml(files: list[Path], root: Path, reader: Reader) -> dict[Path, Read]:
    """Read many files with `reader`, on every core when there are many (reading and the
    per-file checks are most of validation's time); a file unchanged since this process
    last read it, or since read_ahead started reading it, is not read again."""
    _take_read_ahead()
    stamps = {file: _stamp(file) for file in files}
    results: dict[Path, Read] = {}
    for file, stamp in stamps.items():
        known = _last_read.get((reader, file))
        if stamp is not None and known is not None and known[0] == stamp:
            results[file] = known[1]
    to_read = [file for file in files if file not in results]
    if len(to_read) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        fresh = [reader(file, root) for file in to_read]
    else:
        with _pool(len(to_read)) as pool:
            fresh = pool.starmap(reader, [(file, root) for file in to_read], chunksize=32)
    for file, result in zip(to_read, fresh, strict=True):
        results[file] = result
        stamp = stamps[file]
        if stamp is not None:
            _last_read[(reader, file)] = (stamp, result)
    return {file: results[file] for file in files}


def parse_yaml_bytes(raw: bytes, rel_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """A file's bytes as YAML, refusing what is not plain UTF-8 text."""
    if raw.startswith(codecs.BOM_UTF8):
        return None, [Problem(rel_path, 1, 1, "file starts with a byte-order mark (BOM); save it "
                                              "as UTF-8 without BOM")]
    if b"\x00" in raw:
        return None, [Problem(rel_path, raw[:raw.index(b"\x00")].count(b"\n") + 1, 1,
                              "file contains a NUL byte; it is not text. Save it again as UTF-8 "
                              "text")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        return None, [Problem(rel_path, line, 1, f"this line has bytes that are not UTF-8 "
                                                 f"({err.reason}); save the file as UTF-8")]
    return parse_yaml(text, rel_path)
