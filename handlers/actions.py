"""Button clicks: a topic picked from those offered, feedback on a reply, a question passed to the
Chair's Office, and a knowledge-base draft made from staff's answer."""
from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import escalations, templates
from bot.assistant import Reply
from handlers import blocks, logs

logger = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(blocks.PICK_TOPIC)(pick_topic)
    app.action(blocks.HELPFUL)(record_feedback)
    app.action(blocks.NOT_HELPFUL)(record_feedback)
    app.action(blocks.ESCALATE)(escalate)
    app.action(blocks.DRAFT_ENTRY)(draft_entry)


def pick_topic(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    ack()
    entry_id, question_id = blocks.parse_topic_value(action["value"])
    answer = context["core"].answer_entry(entry_id)
    if answer is None:  # the entry was removed from the knowledge base since it was offered
        logger.warning("picked topic %r is no longer in the knowledge base", entry_id)
        respond(response_type="ephemeral", replace_original=False, text=templates.render("topic_gone"))
        logs.handled(context, "topic_gone")
        return
    reply = Reply(answer.text, answer, question_id)
    message = blocks.message(reply)
    if _ephemeral(body):
        # Offered in an ephemeral /ssc reply: the answer stays private too.
        respond(response_type="ephemeral", replace_original=False, **message)
    else:
        client.chat_postMessage(channel=body["channel"]["id"], thread_ts=body["message"].get("thread_ts"), **message)
    logs.handled(context, "topic_picked", reply)


def record_feedback(ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    core = context["core"]
    kind, _, ref = action["value"].partition(":")
    not_helpful = action["action_id"] == blocks.NOT_HELPFUL
    core.record_feedback(
        user_id=body["user"]["id"],
        helpful=not not_helpful,
        question_id=int(ref) if kind == "q" else None,
        entry_id=ref if kind == "e" else None,
    )
    # A member who found the reply to their question not helpful may still want a person to answer it.
    offer = not_helpful and kind == "q" and core.escalations_enabled
    text = templates.render("feedback_thanks", escalate=offer)
    respond(response_type="ephemeral", replace_original=False, **blocks.with_button(text, blocks.escalate_button(int(ref)) if offer else None))
    logs.handled(context, "feedback_recorded", outcome=action["action_id"].removeprefix("feedback_"))


def escalate(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    ack()
    core = context["core"]
    escalation = core.escalate(
        question_id=int(action["value"]),
        user_id=body["user"]["id"],
        channel_id=body.get("channel", {}).get("id"),
        # The thread the member's reply sits in; an ephemeral message carries none.
        thread_ts=None if _ephemeral(body) else body.get("message", {}).get("thread_ts"),
    )
    if escalation is None:
        respond(response_type="ephemeral", replace_original=False, text=templates.render("escalation_not_yours"))
        logs.handled(context, "escalation_refused")
        return
    if escalation.staff_thread_ts is None:  # not posted yet, or the earlier post failed: a click retries it
        try:
            posted = client.chat_postMessage(channel=context["settings"].staff_channel, **blocks.message(Reply(escalations.staff_notice(escalation))))
        except (SlackApiError, OSError):
            logger.exception("could not post escalation %s to the staff channel", escalation.id)
            respond(response_type="ephemeral", replace_original=False, text=templates.render("escalation_delayed"))
            logs.handled(context, "escalation_delayed")
            return
        core.staff_posted(escalation.id, posted["ts"])
    respond(response_type="ephemeral", replace_original=False, text=templates.render("escalation_sent", chairs_office=core.chairs_office))
    logs.handled(context, "escalation_sent")


def draft_entry(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    drafted = context["core"].draft(int(action["value"]))
    if drafted is None:
        logger.warning("escalation %s has no staff answer to draft from", action["value"])
        logs.handled(context, "draft_unavailable")
        return
    path, new = drafted
    respond(response_type="ephemeral", replace_original=False, text=templates.render("draft_written", path=str(path), new=new))
    logs.handled(context, "draft_written")


def _ephemeral(body: dict) -> bool:
    return bool(body.get("container", {}).get("is_ephemeral"))
