"""What a member wrote, as the core expects it, from Slack's encoding of it."""
from __future__ import annotations

import html
import re


def question(text: str, bot_user_id: str | None = None) -> str:
    """The text without the bot's own @-mention, with Slack's `&amp;` `&lt;` `&gt;` decoded.

    The core escapes whatever it echoes, so decoding here avoids showing `&amp;lt;` to members.
    """
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    return html.unescape(text).strip()
