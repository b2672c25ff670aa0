"""Reading the files of `knowledge/` as written, with line numbers, judging nothing.

`bot.kbcheck` decides what is wrong with them and `bot.knowledge` builds the base from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

# libyaml's parser when PyYAML was built with it (the wheels are): five times faster at start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


@dataclass
class RawEntry:
    """One entry file: its front matter, body and the line each front-matter key stands on."""

    path: Path
    meta: dict
    body: str
    lines: dict[str, int]
    body_line: int
    error: str | None = None  # set when the file could not be parsed at all

    def line(self, key: str | None = None) -> int:
        return self.lines.get(key, 1) if key else 1


def parse_entry(path: Path) -> RawEntry:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return RawEntry(path, {}, text, {}, 1, "the file must start with a `---` front matter line")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return RawEntry(path, {}, "", {}, 1, "the front matter has no closing `---` line")
    try:
        meta = yaml.load("\n".join(lines[1:end]), Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return RawEntry(path, {}, "", {"": line}, 1, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}")
    if not isinstance(meta, dict):
        return RawEntry(path, {}, "", {}, 2, "front matter must be a mapping of `key: value` lines")
    key_lines: dict[str, int] = {}
    for number, line in enumerate(lines[1:end], start=2):
        match = _KEY_LINE.match(line)
        if match:
            key_lines.setdefault(match.group(1), number)
    return RawEntry(path, meta, "\n".join(lines[end + 1 :]).strip(), key_lines, end + 2)


def read_entries(folder: Path) -> list[RawEntry]:
    return [parse_entry(p) for p in sorted((folder / "entries").glob("*.md"))]


def read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_LOADER)
    return data if isinstance(data, dict) else {}


@dataclass
class RawTopic:
    """One topic of `out_of_scope.yaml`: what members ask that the base does not answer."""

    topic: object  # as written; `kbcheck` says what is wrong with it
    questions: object
    line: int
    question_lines: list[int]


def read_out_of_scope(path: Path) -> tuple[list[RawTopic], str | None]:
    """The topics of an out-of-scope file with the line of each question, or an error message."""
    # One parse: the nodes give each question's line, the data built from them its text.
    loader = _LOADER(path.read_text(encoding="utf-8"))
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        return [], f"not valid YAML: {getattr(exc, 'problem', exc)}"
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        return [], "must be a mapping with a `topics:` list"
    topic_nodes = next(value for key, value in root.value if key.value == "topics").value
    topics = []
    for node, item in zip(topic_nodes, data["topics"]):
        item = item if isinstance(item, dict) else {}
        fields = {key.value: value for key, value in node.value} if isinstance(node, yaml.MappingNode) else {}
        questions = fields.get("questions")
        lines = [q.start_mark.line + 1 for q in questions.value] if isinstance(questions, yaml.SequenceNode) else []
        topics.append(RawTopic(item.get("topic"), item.get("questions"), node.start_mark.line + 1, lines))
    return topics, None
