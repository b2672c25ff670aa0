"""Every text the bot says, rendered from the jinja2 templates in `bot/templates/`.

Output is Slack mrkdwn. Any value a template prints is escaped (`&`, `<`, `>`) unless it is
curated text marked `trusted`, so a member's words can never become a mention such as
`<!channel>`, a link, or template code: user text is only ever a value, never a template.
"""
from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup


def escape(value: str) -> str:
    """Slack's three control characters, as Slack documents them."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_BULLET = re.compile(r"^(\s*)[-*] ", re.M)


def trusted(value: str) -> Markup:
    """Curated text (knowledge-base answers) that may carry mrkdwn links and formatting.

    Curators write Markdown's `- ` bullets; Slack shows those as bare dashes, so they become `•`.
    """
    return Markup(_BULLET.sub(r"\1• ", value))


def excerpt(text: str, width: int) -> str:
    """The text on one line, cut to `width` characters: how the bot quotes what someone wrote."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _finalize(value):
    if isinstance(value, Markup):
        return str(value)
    return escape(value) if isinstance(value, str) else value


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=False,
    finalize=_finalize,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


def link(url: str, title: str | None = None) -> Markup:
    """A mrkdwn link, its parts escaped."""
    return Markup(f"<{escape(url)}|{escape(title)}>" if title else f"<{escape(url)}>")


_ENV.globals["link"] = link
_ENV.filters["excerpt"] = excerpt


def render(name: str, **context) -> str:
    return _ENV.get_template(f"{name}.j2").render(**context).strip()


_SLACK_ID = re.compile(r"^[A-Z][A-Z0-9]+$")
# Slack's special mentions that notify many people at once; `<!date^...>` only formats a date.
_BROADCAST = re.compile(r"<!(?!date\^)[^>]*>")


def mention(user_id: str) -> Markup:
    """`<@U123>` for a user id Slack gave us; anything else stays escaped text."""
    return Markup(f"<@{user_id}>") if _SLACK_ID.match(user_id or "") else Markup(escape(str(user_id)))


def channel(channel_id: str) -> Markup:
    """`<#C123>` for a channel id Slack gave us; anything else stays escaped text."""
    return Markup(f"<#{channel_id}>") if _SLACK_ID.match(channel_id or "") else Markup(escape(str(channel_id)))


def without_broadcasts(text: str) -> Markup:
    """Slack markup written by staff, trusted except broadcasts, which are shown as plain text."""
    return Markup(_BROADCAST.sub(lambda match: escape(match.group(0)), text))


_ENV.globals.update(mention=mention, channel=channel)
