"""A stand-in for Slack's Web API and response_url endpoints: records every call, answers as told."""
from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

BOT_USER_ID = "UBOT"
AUTH_TEST = {"ok": True, "url": "https://ssc.slack.com/", "team": "SSC", "user": "ssc-assistant",
             "team_id": "T1", "user_id": BOT_USER_ID, "bot_id": "BBOT"}


@dataclass
class Call:
    path: str  # /api/chat.postMessage, /respond/...
    body: dict  # the form or JSON body, decoded
    raw: str  # the body as sent
    status: int  # what the mock answered
    auth: str = ""  # the Authorization header: which token the call was made with

    @property
    def blocks(self) -> list | None:
        blocks = self.body.get("blocks")
        return json.loads(blocks) if isinstance(blocks, str) else blocks


class MockSlack:
    def __init__(self):
        self.calls: list[Call] = []
        self._scripts: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_port}"
        self.api_url = self.base + "/api/"
        # Where apps.connections.open sends a Socket Mode app: set by tests.slack.mock_socket.MockSocketMode.
        self.socket_url: str | None = None

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.base}/respond/{name}"

    def start(self) -> None:
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer_next(self, path: str, status: int = 200, body: dict | None = None, headers: dict | None = None, delay: float = 0) -> None:
        """The next call to `path` gets this answer (an error, a 429, a slow one) instead of the usual."""
        self._scripts[path].append((status, body, headers or {}, delay))

    def calls_to(self, path: str, ok_only: bool = True) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.path.startswith(path) and (c.status == 200 or not ok_only)]

    def wait_for(self, path: str, count: int = 1, timeout: float = 5.0, ok_only: bool = True) -> list[Call]:
        """Poll until `count` calls to `path` arrived; Bolt answers after acknowledging, in a thread."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.calls_to(path, ok_only)
            if len(calls) >= count:
                return calls
            time.sleep(0.01)
        raise AssertionError(f"expected {count} call(s) to {path}, got {self.calls_to(path, ok_only)}")

    def _answer(self, path: str, raw: str, content_type: str, auth: str = "") -> tuple[int, dict, bytes, float]:
        if content_type.startswith("application/json"):
            body = json.loads(raw or "{}")
        else:
            body = dict(parse_qsl(raw))
        with self._lock:
            script = self._scripts[path].popleft() if self._scripts[path] else None
            status, answer, headers, delay = script or (200, None, {}, 0)
            self.calls.append(Call(path, body, raw, status, auth))
        if answer is None:
            answer = _default_answer(path, body, self.socket_url)
        payload = b"ok" if path.startswith("/respond/") and status == 200 else json.dumps(answer).encode()
        return status, headers, payload, delay


def _default_answer(path: str, body: dict, socket_url: str | None) -> dict:
    if path.endswith("/auth.test"):
        return AUTH_TEST
    if path.endswith("/apps.connections.open"):  # Socket Mode: the WebSocket URL to connect to
        return {"ok": True, "url": socket_url} if socket_url else {"ok": False, "error": "invalid_auth"}
    if path.endswith("/conversations.open"):  # the DM with that user
        return {"ok": True, "channel": {"id": "D" + body.get("users", "")}}
    return {"ok": True, "channel": body.get("channel"), "ts": "1700000001.000200"}


def _handler(mock: MockSlack):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            status, headers, payload, delay = mock._answer(
                self.path, raw, self.headers.get("Content-Type", ""), self.headers.get("Authorization", ""))
            time.sleep(delay)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):  # keep test output quiet
            pass

    return Handler
