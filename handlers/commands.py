"""The /ssc slash command: an answer only the member who asked sees."""
from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond

from bot.assistant import Message
from handlers import blocks, incoming, logs


def register(app: App) -> None:
    app.command("/ssc")(answer_command)


def answer_command(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
    ack()  # Slack wants the acknowledgement within 3 seconds; the answer follows via response_url
    # A bare `/ssc` asks for what `/ssc help` shows.
    text = incoming.question(command.get("text", "")) or "help"
    core = context["core"]
    for reply in core.respond(Message(command["user_id"], text, "command")):
        respond(response_type="ephemeral", **blocks.message(reply, core.escalations_enabled))
        logs.handled(context, "command_answered", reply, text)
