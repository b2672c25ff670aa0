"""Block Kit messages from the core's replies, within Slack's limits."""
from __future__ import annotations

from bot.answers import DECLINED, INTRO, UNSURE
from bot.assistant import Reply

# Slack's limits: blocks per message, characters per section text and per button label.
MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_SECTION_CHARS = 3000
MAX_BUTTON_CHARS = 75

PICK_TOPIC = "pick_topic"
HELPFUL, NOT_HELPFUL = "feedback_helpful", "feedback_not_helpful"
ESCALATE = "escalate"
DRAFT_ENTRY = "draft_entry"
_SOURCE_PREFIX = "_Source:"


def message(reply: Reply, escalate: bool = False) -> dict:
    """`text` and `blocks` for chat.postMessage or respond(); `text` is the notification fallback.

    With `escalate` (a staff channel is configured), a reply short of an answer offers to pass the
    question to the Chair's Office.
    """
    text, source = _split_source(reply.text)
    tail = []
    answer = reply.answer
    if source:
        tail.append({"type": "context", "elements": [{"type": "mrkdwn", "text": source}]})
    if answer and answer.outcome != INTRO:
        buttons = [_button("Helpful", HELPFUL, feedback_value(reply)), _button("Not helpful", NOT_HELPFUL, feedback_value(reply))]
        if escalate and answer.outcome in (UNSURE, DECLINED) and reply.question_id is not None:
            buttons.append(escalate_button(reply.question_id))
        tail.append({"type": "actions", "block_id": "feedback", "elements": buttons})
    if answer and not answer.answered:
        # Slack wants action ids unique within a block, so each topic button gets a block of its own.
        tail += [{"type": "actions", "elements": [_button(entry.title, PICK_TOPIC, topic_value(entry.id, reply.question_id))]}
                 for entry in answer.alternatives]
    return {"text": reply.text, "blocks": _sections(text, MAX_BLOCKS - len(tail)) + tail}


def with_button(text: str, button: dict | None) -> dict:
    """A short message (a note, a confirmation) with one button under it, or none."""
    message = {"text": text, "blocks": _sections(text, MAX_BLOCKS - 1)}
    if button:
        message["blocks"].append({"type": "actions", "elements": [button]})
    return message


def escalate_button(question_id: int) -> dict:
    return _button("Ask the Chair's Office", ESCALATE, str(question_id))


def draft_button(escalation_id: int) -> dict:
    return _button("Draft a KB entry", DRAFT_ENTRY, str(escalation_id))


def home(text: str) -> dict:
    """The App Home tab's view."""
    return {"type": "home", "blocks": _sections(text, MAX_HOME_BLOCKS)}


def topic_value(entry_id: str, question_id: int | None) -> str:
    """A topic button's value: the entry, and the question it was offered for, so that feedback on
    the picked answer (and asking the Chair's Office after it) refers to what the member asked."""
    return entry_id if question_id is None else f"{entry_id}@{question_id}"


def parse_topic_value(value: str) -> tuple[str, int | None]:
    entry_id, _, question_id = value.partition("@")
    return entry_id, int(question_id) if question_id else None


def feedback_value(reply: Reply) -> str:
    """What a feedback button refers to: the logged question, else the entry answered."""
    if reply.question_id is not None:
        return f"q:{reply.question_id}"
    return f"e:{reply.answer.entry.id}"


def _button(label: str, action_id: str, value: str) -> dict:
    if len(label) > MAX_BUTTON_CHARS:
        label = label[: MAX_BUTTON_CHARS - 1] + "…"
    return {"type": "button", "text": {"type": "plain_text", "text": label}, "action_id": action_id, "value": value}


def _sections(text: str, limit: int) -> list[dict]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": chunk}} for chunk in _chunks(text, limit)]


def _split_source(text: str) -> tuple[str, str | None]:
    """The answer without its source line, and that line, which reads better as a context block."""
    lines = text.rstrip("\n").split("\n")
    for i, line in enumerate(lines):
        if line.startswith(_SOURCE_PREFIX):
            return "\n".join(lines[:i] + lines[i + 1 :]), line
    return text, None


def _chunks(text: str, limit: int) -> list[str]:
    """Section texts of at most MAX_SECTION_CHARS, cut at line breaks, at most `limit` of them."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > MAX_SECTION_CHARS:  # a single line too long for a section is cut where it must
            chunks, current = _flush(chunks, current), ""
            chunks.append(line[:MAX_SECTION_CHARS])
            line = line[MAX_SECTION_CHARS:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > MAX_SECTION_CHARS:
            chunks, candidate = _flush(chunks, current), line
        current = candidate
    chunks = _flush(chunks, current) or [" "]  # Slack rejects an empty section text
    if len(chunks) > limit:
        chunks = chunks[:limit]
        chunks[-1] = chunks[-1][: MAX_SECTION_CHARS - 1] + "…"
    return chunks


def _flush(chunks: list[str], current: str) -> list[str]:
    return chunks + [current] if current.strip() else chunks
