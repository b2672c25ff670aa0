"""A stand-in for Slack's Socket Mode WebSocket: the app connects to it as to Slack, it pushes
envelopes the way Slack does and records what the app sends back (the acknowledgements)."""
from __future__ import annotations

import json
import threading
import time
import uuid
from contextlib import contextmanager

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

from bot.assistant import Assistant
from handlers.app import build_app
from handlers.server import make_socket_mode_handler
from handlers.settings import Settings
from tests.slack.mock_slack import MockSlack
from tests.slack.sender import command_payload, dm_event, event_callback

# What Slack sends first on a new connection; the client waits for nothing, but it is what it gets.
HELLO = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"},
         "debug_info": {"host": "applink-test", "build_number": 1, "approximate_connection_time": 3600}}


class MockSocketMode:
    """Listens on a free local port; `MockSlack` answers apps.connections.open with its URL.

    One connection at a time, as an app with one SocketModeHandler has."""

    def __init__(self, mock: MockSlack):
        self.received: list[dict] = []  # every message the app sent, decoded
        self._lock = threading.Lock()
        self._connection: ServerConnection | None = None
        self._connected = threading.Event()
        # Slack pings its clients too. Pinging often also wakes the client's blocking read of the socket,
        # which its close() waits for (up to the read's 3 s timeout), so the app disconnects at once.
        self._server = serve(self._session, "127.0.0.1", 0, ping_interval=0.05)
        port = self._server.socket.getsockname()[1]
        # ws://, not wss://: slack_sdk's builtin client opens TLS only on port 443, whatever the scheme,
        # so a plain local server on any other port is what it talks to. Slack's URL has a path and a ticket.
        self.url = f"ws://127.0.0.1:{port}/link/?ticket=test-ticket&app_id=A1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        mock.socket_url = self.url
        self.mock = mock

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()  # closes open connections and waits for their handlers
        self._thread.join(timeout=5)
        self.mock.socket_url = None

    def wait_connected(self, timeout: float = 5.0) -> None:
        if not self._connected.wait(timeout):
            raise AssertionError("the app did not open the Socket Mode WebSocket")

    def push(self, envelope_type: str, payload: dict, **extra) -> str:
        """Send an envelope as Slack does; returns its envelope_id, which the app must acknowledge."""
        self.wait_connected()
        envelope_id = str(uuid.uuid4())
        self._connection.send(json.dumps({"envelope_id": envelope_id, "type": envelope_type, "payload": payload} | extra))
        return envelope_id

    def event(self, event: dict, event_id: str, retry_attempt: int = 0, retry_reason: str = "") -> str:
        # Each delivery, a redelivery too, has an envelope of its own; the event_id is what stays the same.
        return self.push("events_api", event_callback(event, event_id), accepts_response_payload=False,
                         retry_attempt=retry_attempt, retry_reason=retry_reason)

    def dm(self, text: str, event_id: str, user: str = "U1", retry_attempt: int = 0, retry_reason: str = "", **extra) -> str:
        return self.event(dm_event(text, user, **extra), event_id, retry_attempt, retry_reason)

    def command(self, text: str, user: str = "U1") -> str:
        # In Socket Mode a slash command's payload is JSON, not the form Slack posts over HTTP.
        return self.push("slash_commands", command_payload(text, user, self.mock.response_url("cmd")),
                         accepts_response_payload=True)

    def acks(self, envelope_id: str) -> list[dict]:
        with self._lock:
            return [m for m in self.received if m.get("envelope_id") == envelope_id]

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            acks = self.acks(envelope_id)
            if acks:
                return acks[0]
            time.sleep(0.01)
        raise AssertionError(f"envelope {envelope_id} was not acknowledged; the app sent {self.received}")

    def _session(self, connection: ServerConnection) -> None:
        connection.send(json.dumps(HELLO))
        self._connection = connection
        self._connected.set()
        try:
            for message in connection:
                with self._lock:
                    self.received.append(json.loads(message))
        except ConnectionClosed:  # slack_sdk's client closes the TCP connection without a close frame
            pass


@contextmanager
def connected(settings: Settings, assistant: Assistant, socket: MockSocketMode):
    """The real app over a real Socket Mode connection to `socket`, as `ssc-bot serve` runs it with
    SLACK_APP_TOKEN set, but started with `connect()` instead of the blocking `start()`."""
    handler = make_socket_mode_handler(build_app(settings, assistant), settings)
    handler.connect()  # logs, not raises, when the WebSocket does not open: wait_connected says so
    try:
        socket.wait_connected()
        yield handler
    finally:
        handler.close()
