"""Button clicks: a topic picked from those offered, and feedback on a reply."""
from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import templates
from bot.assistant import Reply
from handlers import blocks, logs

logger = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(blocks.PICK_TOPIC)(pick_topic)
    app.action(blocks.HELPFUL)(record_feedback)
    app.action(blocks.NOT_HELPFUL)(record_feedback)


def pick_topic(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    ack()
    answer = context["core"].answer_entry(action["value"])
    if answer is None:  # the entry was removed from the knowledge base since it was offered
        logger.warning("picked topic %r is no longer in the knowledge base", action["value"])
        logs.handled(context, "topic_gone")
        return
    reply = Reply(answer.text, answer)
    message = blocks.message(reply)
    if body.get("container", {}).get("is_ephemeral"):
        # Offered in an ephemeral /ssc reply: the answer stays private too.
        respond(response_type="ephemeral", replace_original=False, **message)
    else:
        client.chat_postMessage(channel=body["channel"]["id"], thread_ts=body["message"].get("thread_ts"), **message)
    logs.handled(context, "topic_picked", reply)


def record_feedback(ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    kind, _, ref = action["value"].partition(":")
    context["core"].record_feedback(
        user_id=body["user"]["id"],
        helpful=action["action_id"] == blocks.HELPFUL,
        question_id=int(ref) if kind == "q" else None,
        entry_id=ref if kind == "e" else None,
    )
    respond(response_type="ephemeral", replace_original=False, text=templates.render("feedback_thanks"))
    logs.handled(context, "feedback_recorded", outcome=action["action_id"].removeprefix("feedback_"))
