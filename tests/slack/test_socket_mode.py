"""Socket Mode end to end, as Slack drives it, with no Slack: the app asks the mock Web API for a
WebSocket URL, connects to a local WebSocket server, which pushes envelopes and reads the acks."""
import time

from tests.slack.sender import APP_TOKEN, BOT_TOKEN

POST = "/api/chat.postMessage"
QUESTION = "who signs intervention letters?"


def test_socket_mode_acks_envelopes_and_answers_once_through_the_web_api(socket_slack, mock_slack):
    # Connecting asked for the URL with the app-level token, not the bot token.
    [opened] = mock_slack.calls_to("/api/apps.connections.open")
    assert opened.auth == f"Bearer {APP_TOKEN}"

    # A DM: acknowledged on the socket with its envelope id and nothing else, answered with chat.postMessage.
    envelope = socket_slack.dm(QUESTION, "Ev1")
    assert socket_slack.wait_for_ack(envelope) == {"envelope_id": envelope}
    [call] = mock_slack.wait_for(POST)
    assert call.body["channel"] == "D1" and "intervention letters" in call.body["text"].lower()
    assert call.auth == f"Bearer {BOT_TOKEN}"

    # /ssc: acknowledged, then answered privately through its response_url.
    envelope = socket_slack.command(QUESTION)
    assert socket_slack.wait_for_ack(envelope) == {"envelope_id": envelope}
    [answer] = mock_slack.wait_for("/respond/cmd")
    assert answer.body["response_type"] == "ephemeral" and "intervention letters" in answer.body["text"].lower()

    # Slack redelivers the DM (same event_id, a new envelope): acknowledged, not answered again.
    envelope = socket_slack.dm(QUESTION, "Ev1", retry_attempt=1, retry_reason="timeout")
    socket_slack.wait_for_ack(envelope)
    socket_slack.wait_for_ack(socket_slack.dm("what are the Key Species Results?", "Ev2"))
    calls = mock_slack.wait_for(POST, 2)
    time.sleep(0.2)  # let the redelivery's listener finish too
    assert len(mock_slack.calls_to(POST)) == 2
    assert "Key Species Results" in calls[1].body["text"]
    # Every envelope was acknowledged exactly once.
    assert len(socket_slack.received) == 4

