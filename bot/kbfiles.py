"""Reading the files of `knowledge/` as written, with line numbers, judging nothing.

`bot.kbcheck` decides what is wrong with them and `bot.knowledge` builds the base from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

# libyaml's parser when PyYAML was built with it (the wheels are): five times faster at start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

@dataclass
class RawEntry:
    """One entry file: its front matter, body and the line each front-matter key stands on."""

    path: Path
    meta: dict
    body: str
    lines: dict[str, int]
    body_line: int
    error: str | None = None  # set when the file could not be parsed at all
    question_lines: list[int] = field(default_factory=list)  # of each `questions` item, when a list

    def line(self, key: str | None = None) -> int:
        return self.lines.get(key, 1) if key else 1

    def question_line(self, number: int) -> int:
        """The line of the number-th example question, or of the `questions:` key."""
        return self.question_lines[number] if number < len(self.question_lines) else self.line("questions")


def parse_entry(path: Path) -> RawEntry:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return RawEntry(path, {}, text, {}, 1, "the file must start with a `---` front matter line")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return RawEntry(path, {}, "", {}, 1, "the front matter has no closing `---` line")
    try:
        root, meta = _compose("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return RawEntry(path, {}, "", {"": line}, 1, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}")
    meta = meta if meta is not None else {}
    if not isinstance(meta, dict):
        return RawEntry(path, {}, "", {}, 2, "front matter must be a mapping of `key: value` lines")
    # Node lines count from the front matter's first line, which is the file's second.
    fields = _fields(root)
    key_lines = {key: node.start_mark.line + 2 for key, (node, _) in fields.items()}
    questions = fields.get("questions", (None, None))[1]
    question_lines = [q.start_mark.line + 2 for q in questions.value] if isinstance(questions, yaml.SequenceNode) else []
    return RawEntry(path, meta, "\n".join(lines[end + 1 :]).strip(), key_lines, end + 2, question_lines=question_lines)


def _compose(text: str) -> tuple[yaml.Node | None, object]:
    """The YAML document as nodes, which know their lines, and as the data built from them: one parse."""
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()
        return root, loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()


def _fields(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping node's (key node, value node) by key; nothing for any other node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): (key, value) for key, value in node.value}


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
    try:
        root, data = _compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return [], f"not valid YAML: {getattr(exc, 'problem', exc)}"
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        return [], "must be a mapping with a `topics:` list"
    topics = []
    for node, item in zip(_fields(root)["topics"][1].value, data["topics"]):
        item = item if isinstance(item, dict) else {}
        questions = _fields(node).get("questions", (None, None))[1]
        lines = [q.start_mark.line + 1 for q in questions.value] if isinstance(questions, yaml.SequenceNode) else []
        topics.append(RawTopic(item.get("topic"), item.get("questions"), node.start_mark.line + 1, lines))
    return topics, None
