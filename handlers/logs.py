"""One log line per Slack request handled, as `key=value` pairs in a fixed order, so it greps and parses.

A line never holds a token, nor more of the member's text than a short single-line excerpt.
"""
from __future__ import annotations

import json
import logging
import re
import time

from slack_bolt import Ack, App, BoltContext

from bot.assistant import Reply

logger = logging.getLogger("handlers.requests")

KEYS = ("what", "event_id", "team", "channel", "user", "outcome", "score", "ack_ms", "total_ms", "text")
EXCERPT_CHARS = 40
# A member may paste a token into a message; the excerpt must not carry it into the logs.
_TOKEN = re.compile(r"\bx(?:ox[a-z]|app)-[\w-]*")
_STARTED, _EVENT_ID = "log_started", "log_event_id"


class _TimedAck(Ack):
    """Bolt's ack, noting when it was first called: Slack gets its HTTP 200 right after."""

    acked_at: float | None = None

    def __call__(self, *args, **kwargs):
        if self.acked_at is None:
            self.acked_at = time.perf_counter()
        return super().__call__(*args, **kwargs)


def configure(level: str) -> None:
    """Log to stderr: the bot's own loggers at `level`, all others at INFO or above.

    Slack's libraries must stay out of DEBUG: their debug lines hold whole messages. Bolt copies
    the root level into its loggers when the app is built, so this runs before that.
    """
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.root.setLevel(max(logging.INFO, logging.getLevelName(level)))
    for own in ("bot", "handlers"):
        logging.getLogger(own).setLevel(level)


def install(app: App) -> None:
    """Times every request from when Bolt accepts it, and logs the ones whose listener failed."""

    @app.middleware
    def start_clock(context: BoltContext, body: dict, next) -> None:
        context[_STARTED] = time.perf_counter()
        context[_EVENT_ID] = body.get("event_id")
        # Bolt builds the ack lazily from the context; nothing has asked for it yet at this point.
        context["ack"] = _TimedAck()
        next()

    @app.error
    def log_failure(error: Exception, context: BoltContext) -> None:
        # Takes the place of Bolt's own error log: the request still makes its one line, traceback attached.
        logger.error(_line(context, "failed", outcome=type(error).__name__), exc_info=error)


def handled(context: BoltContext, what: str, reply: Reply | None = None, text: str | None = None, outcome: str | None = None) -> None:
    """Logs what became of the request: `what` names it (dm_answered, duplicate_ignored, ...)."""
    logger.info(_line(context, what, reply, text, outcome))


def _line(context: BoltContext, what: str, reply: Reply | None = None, text: str | None = None, outcome: str | None = None) -> str:
    now = time.perf_counter()
    started = context.get(_STARTED, now)  # absent when a built-in middleware (auth.test) failed first
    acked_at = getattr(context.get("ack"), "acked_at", None)
    answer = reply.answer if reply else None
    values = {
        "what": what,
        "event_id": context.get(_EVENT_ID),
        "team": context.team_id,
        "channel": context.channel_id,
        "user": context.user_id,
        "outcome": outcome or (answer.outcome if answer else None),
        "score": f"{answer.score:.2f}" if answer else None,
        "ack_ms": f"{(acked_at - started) * 1000:.1f}" if acked_at is not None else None,
        "total_ms": f"{(now - started) * 1000:.1f}",
        "text": excerpt(text) if text is not None else None,
    }
    return " ".join(f"{key}={'-' if values[key] is None else values[key]}" for key in KEYS)


def excerpt(text: str) -> str:
    """The start of a message on one line, quoted, tokens masked."""
    short = _TOKEN.sub("[token]", " ".join(text.split()))
    if len(short) > EXCERPT_CHARS:
        short = short[: EXCERPT_CHARS - 1] + "…"
    return json.dumps(short, ensure_ascii=False)
