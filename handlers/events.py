"""Event listeners: direct messages to the bot, @-mentions in channels (answered in a thread),
staff replies to an escalated question (relayed to the member), and the App Home tab."""
from __future__ import annotations

import logging

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import escalations
from bot.assistant import Message, Reply
from handlers import blocks, incoming, logs

logger = logging.getLogger(__name__)


def register(app: App) -> None:
    # One listener for every message: Bolt runs only the first listener that matches, and an event
    # no listener matches is answered 404, which Slack would redeliver.
    app.event("message")(on_message)
    app.event("app_mention")(answer_mention)
    app.event("app_home_opened")(publish_home)


def on_message(event: dict, body: dict, context: BoltContext, client: WebClient) -> None:
    if event.get("channel_type") == "im":
        if not _ignored(event, body, context):
            _answer(event, context, client, "dm", thread_ts=None)
    # A staff reply also sent to the channel ("Also send to #channel") is still a reply.
    elif _in_staff_thread(event, context):
        if not _ignored(event, body, context, "thread_broadcast"):
            relay_staff_reply(event, context, client)
    else:
        logs.handled(context, "ignored_not_dm")


def answer_mention(event: dict, body: dict, context: BoltContext, client: WebClient) -> None:
    if not _ignored(event, body, context):
        # A mention inside a thread is answered in that thread, any other under the mention itself.
        _answer(event, context, client, "mention", thread_ts=event.get("thread_ts") or event["ts"])


def relay_staff_reply(event: dict, context: BoltContext, client: WebClient) -> None:
    """Send a staff reply to the member who asked; an escalation that could not be reached stays open."""
    core = context["core"]
    taken = core.take_staff_answer(event["thread_ts"], answer=event.get("text", ""), answered_by=event["user"])
    if taken is None:  # a thread of another post, or an escalation already answered
        logs.handled(context, "staff_chat_ignored")
        return
    escalation, text = taken
    staff_thread = {"channel": event["channel"], "thread_ts": event["thread_ts"]}
    try:
        channel, thread_ts = escalation.reply_to
        if channel is None:
            channel = client.conversations_open(users=escalation.user_id)["channel"]["id"]
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, **blocks.message(Reply(text)))
    except (SlackApiError, OSError):  # after the client's own retries of 429s, 5xx and lost connections
        logger.exception("could not relay the answer to escalation %s", escalation.id)
        client.chat_postMessage(**staff_thread, **blocks.with_button(escalations.relay_failed(escalation), None))
        logs.handled(context, "staff_reply_failed")
        return
    note = core.relayed(escalation.id)
    client.chat_postMessage(**staff_thread, **blocks.with_button(note, blocks.draft_button(escalation.id)))
    logs.handled(context, "staff_reply_relayed")


def publish_home(event: dict, context: BoltContext, client: WebClient) -> None:
    if event.get("tab", "home") != "home":  # the Messages tab needs nothing from us
        return
    client.views_publish(user_id=event["user"], view=blocks.home(context["core"].home(event["user"])))
    logs.handled(context, "home_published")


def _ignored(event: dict, body: dict, context: BoltContext, *subtypes: str) -> bool:
    """Whether the event gets no answer; the log line says why."""
    # Edits, deletions, joins and bot posts (ours included) come with a subtype or a bot_id.
    if event.get("subtype") not in (None, *subtypes):
        reason = "ignored_subtype"
    elif event.get("bot_id") or "user" not in event:
        reason = "ignored_bot"
    # Recorded before answering: a redelivery (X-Slack-Retry-Num) must never bring a second answer,
    # even if that means no answer when posting the first one failed for good.
    elif not context["core"].first_delivery(body["event_id"]):
        reason = "duplicate_ignored"
    else:
        return False
    logs.handled(context, reason)
    return True


def _in_staff_thread(event: dict, context: BoltContext) -> bool:
    staff_channel = context["settings"].staff_channel
    thread_ts = event.get("thread_ts")
    return bool(staff_channel) and event.get("channel") == staff_channel and bool(thread_ts) and thread_ts != event.get("ts")


def _answer(event: dict, context: BoltContext, client: WebClient, surface: str, thread_ts: str | None) -> None:
    core = context["core"]
    text = incoming.question(event.get("text", ""), context.bot_user_id)
    for reply in core.respond(Message(event["user"], text, surface)):
        client.chat_postMessage(channel=event["channel"], thread_ts=thread_ts, **blocks.message(reply, core.escalations_enabled))
        logs.handled(context, f"{surface}_answered", reply, text)
