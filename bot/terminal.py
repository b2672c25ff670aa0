"""The terminal adapter: `ssc-bot chat` drives the same core Slack does, showing its mrkdwn as plain text."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.assistant import Assistant, Message

_LINK = re.compile(r"<([^|>]+)\|([^>]+)>|<([^>]+)>")
QUIT = {"quit", "exit", "bye", ":q"}


def plain(mrkdwn: str) -> str:
    """Slack mrkdwn as a terminal shows it: links spelt out, Slack's escapes undone."""

    def spell(match: re.Match) -> str:
        url, title, bare = match.groups()
        if bare:
            return bare.removeprefix("mailto:")
        target = url.removeprefix("mailto:")
        return title if title == target else f"{title} ({target})"

    text = _LINK.sub(spell, mrkdwn)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def chat(assistant: Assistant, lines: Iterable[str], write: Callable[[str], None], user_id: str) -> None:
    """Answer each line until the input ends or the person says quit."""
    write(plain(assistant.answerer.introduction()))
    write("(Type `quit` to leave.)\n")
    for line in lines:
        if line.strip().lower() in QUIT:
            break
        for reply in assistant.respond(Message(user_id, line.rstrip("\n"), "terminal")):
            write(plain(reply.text) + "\n")
