"""Event listeners: direct messages to the bot, and @-mentions in channels (answered in a thread)."""
from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.assistant import Message
from handlers import blocks, incoming, logs


def register(app: App) -> None:
    app.event("message")(answer_direct_message)
    app.event("app_mention")(answer_mention)


def answer_direct_message(event: dict, body: dict, context: BoltContext, client: WebClient) -> None:
    ignored = "ignored_not_dm" if event.get("channel_type") != "im" else _ignored(event, body, context)
    if ignored:
        logs.handled(context, ignored)
        return
    _answer(event, context, client, "dm", thread_ts=None)


def answer_mention(event: dict, body: dict, context: BoltContext, client: WebClient) -> None:
    ignored = _ignored(event, body, context)
    if ignored:
        logs.handled(context, ignored)
        return
    # A mention inside a thread is answered in that thread, any other under the mention itself.
    _answer(event, context, client, "mention", thread_ts=event.get("thread_ts") or event["ts"])


def _ignored(event: dict, body: dict, context: BoltContext) -> str | None:
    """Why the event gets no answer, as the log says it; None when it gets one."""
    # Edits, deletions, joins and bot posts (ours included) come with a subtype or a bot_id.
    if event.get("subtype"):
        return "ignored_subtype"
    if event.get("bot_id") or "user" not in event:
        return "ignored_bot"
    # Recorded before answering: a redelivery (X-Slack-Retry-Num) must never bring a second answer,
    # even if that means no answer when posting the first one failed for good.
    if not context["core"].first_delivery(body["event_id"]):
        return "duplicate_ignored"
    return None


def _answer(event: dict, context: BoltContext, client: WebClient, surface: str, thread_ts: str | None) -> None:
    text = incoming.question(event.get("text", ""), context.bot_user_id)
    for reply in context["core"].respond(Message(event["user"], text, surface)):
        client.chat_postMessage(channel=event["channel"], thread_ts=thread_ts, **blocks.message(reply))
        logs.handled(context, f"{surface}_answered", reply, text)
