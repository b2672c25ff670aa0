"""Sending requests to the app the way Slack does, and running it behind its real HTTP server."""
import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from urllib.parse import urlencode

from handlers.app import build_app
from handlers.server import make_server
from tests.slack.mock_slack import MockSlack

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-bot-token"
APP_TOKEN = "xapp-test-app-token"  # Socket Mode's app-level token


class SlackSender:
    """Sends requests to the app the way Slack does: signed, with Slack's payload shapes."""

    def __init__(self, base_url: str, mock: MockSlack):
        self.url = base_url + "/slack/events"
        self.base_url = base_url
        self.mock = mock

    def post(self, body: str, content_type: str, headers: dict | None = None, timestamp: int | None = None, secret: str = SIGNING_SECRET) -> tuple[int, str]:
        timestamp = int(time.time()) if timestamp is None else timestamp
        signature = "v0=" + hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
        request = urllib.request.Request(self.url, data=body.encode(), method="POST", headers={
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": signature,
            **(headers or {}),
        })
        return _open(request)

    def event(self, event: dict, event_id: str, **kwargs) -> tuple[int, str]:
        return self.post(json.dumps(event_callback(event, event_id)), "application/json", **kwargs)

    def dm(self, text: str, event_id: str, user: str = "U1", **extra) -> tuple[int, str]:
        return self.event(dm_event(text, user, **extra), event_id)

    def staff_reply(self, text: str, thread_ts: str, event_id: str, channel: str = "CSTAFF", user: str = "U9", **extra) -> tuple[int, str]:
        """A staff member writing in a thread of the staff channel."""
        event = {"type": "message", "channel": channel, "channel_type": "channel", "user": user, "text": text,
                 "ts": "1700000050.000100", "thread_ts": thread_ts, "event_ts": "1700000050.000100"} | extra
        return self.event(event, event_id)

    def home_opened(self, event_id: str, user: str = "U1") -> tuple[int, str]:
        return self.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home", "event_ts": "1700000060.0"}, event_id)

    def command(self, text: str, user: str = "U1") -> tuple[int, str]:
        form = command_payload(text, user, self.mock.response_url("cmd"))
        return self.post(urlencode(form), "application/x-www-form-urlencoded")

    def click(self, action_id: str, value: str, user: str = "U1", channel: str = "D1", thread_ts: str | None = None, ephemeral: bool = False) -> tuple[int, str]:
        message = {"type": "message", "ts": "1700000001.000200"} | ({"thread_ts": thread_ts} if thread_ts else {})
        payload = {"type": "block_actions", "user": {"id": user}, "team": {"id": "T1"}, "api_app_id": "A1",
                   "container": {"type": "message", "message_ts": message["ts"], "channel_id": channel, "is_ephemeral": ephemeral},
                   "channel": {"id": channel}, "message": message, "trigger_id": "1.2.3",
                   "response_url": self.mock.response_url("action"),
                   "actions": [{"type": "button", "action_id": action_id, "block_id": "b1", "value": value, "action_ts": "1700000002.0"}]}
        return self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    def get(self, path: str) -> tuple[int, str]:
        return _open(urllib.request.Request(self.base_url + path))


# Slack's payloads, the same over HTTP and in Socket Mode's envelopes.

def event_callback(event: dict, event_id: str) -> dict:
    return {"token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
            "event_id": event_id, "event_time": int(time.time()), "event": event}


def dm_event(text: str, user: str = "U1", **extra) -> dict:
    return {"type": "message", "channel": "D1", "channel_type": "im", "user": user, "text": text,
            "ts": "1700000000.000100", "event_ts": "1700000000.000100"} | extra


def command_payload(text: str, user: str, response_url: str) -> dict:
    return {"token": "legacy", "team_id": "T1", "channel_id": "C1", "user_id": user, "command": "/ssc",
            "text": text, "api_app_id": "A1", "response_url": response_url, "trigger_id": "1.2.3"}


def _open(request) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@contextmanager
def running(settings, assistant, mock):
    """The real app behind the real HTTP server on a free local port, as `ssc-bot serve` runs it."""
    server = make_server(build_app(settings, assistant), "127.0.0.1", 0, asyncore_loop_timeout=0.05)  # quick to close
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield SlackSender(f"http://127.0.0.1:{server.port}", mock)
    finally:
        server.close()
        thread.join(timeout=5)
