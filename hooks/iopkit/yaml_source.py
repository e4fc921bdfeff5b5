"""Read YAML and keep the line and column of every key and value.

PyYAML's composer gives a node tree with positions; we build plain Python data from it
and, beside it, a map from each data path (("agenda", 2, "minutes")) to where it was
written. Later stages point editors at the exact line of a problem with that map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

DataPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    path: str  # relative to the project root
    data: Any
    # Where each value starts; for mapping keys, KEY_MARK + key holds where the key starts.
    positions: dict[DataPath, tuple[int, int]] = field(default_factory=dict)

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


KEY_MARK = "\x00key:"


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, col: int, first_line: int):
        self.key, self.line, self.col, self.first_line = key, line, col, first_line


def _build(node: yaml.Node, loader: yaml.SafeLoader, path: DataPath,
           positions: dict[DataPath, tuple[int, int]]) -> Any:
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves YAML merge keys (<<) like PyYAML does
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            key_where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = positions[path + (KEY_MARK + str(key),)]
                raise _DuplicateKey(str(key), *key_where, first[0])
            positions[path + (KEY_MARK + str(key),)] = key_where
            result[key] = _build(value_node, loader, path + (str(key),), positions)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, loader, path + (i,), positions) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, rel_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document; on failure return the problem instead of raising."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(rel_path, None, {(): (1, 1)}), []
        positions: dict[DataPath, tuple[int, int]] = {}
        data = _build(node, loader, (), positions)
        return YamlDocument(rel_path, data, positions), []
    except _DuplicateKey as dup:
        return None, [Problem(rel_path, dup.line, dup.col,
                              f"key '{dup.key}' appears twice (first on line {dup.first_line}); "
                              "keep one and delete the other")]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = err.problem or err.context or "not valid YAML"
        return None, [Problem(rel_path, line, col,
                              f"YAML syntax error: {what}. Check indentation (spaces, not tabs), "
                              "that every 'key: value' has a space after the colon, and quote text "
                              "that contains ': ' or starts with a special character")]
    except yaml.YAMLError as err:
        return None, [Problem(rel_path, 1, 1, f"YAML could not be read: {err}")]
    finally:
        loader.dispose()


def read_yaml(file: Path, root: Path) -> tuple[YamlDocument | None, list[Problem]]:
    rel_path = file.relative_to(root).as_posix()
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return None, [Problem(rel_path, 1, 1, f"file is not UTF-8 text ({err.reason}); "
                                              "save it as UTF-8")]
    return parse_yaml(text, rel_path)
