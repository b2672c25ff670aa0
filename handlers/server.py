"""Serving the app: over HTTP (Slack's Events API, commands and interactivity) or Socket Mode."""
from __future__ import annotations

from collections.abc import Callable, Iterable

import waitress
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.assistant import Assistant
from handlers.app import build_app
from handlers.settings import Settings

EVENTS_PATH = "/slack/events"  # the Request URL for events, slash commands and interactivity


def wsgi_app(app: App) -> Callable:
    """Slack's requests go to Bolt, which checks their signature and age; `GET /healthz` answers `ok`."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"ok"]
        return slack(environ, start_response)

    return application


def make_server(app: App, host: str = "127.0.0.1", port: int = 3000):
    """A waitress server, not yet running: call `.run()` (blocks) and `.close()`; port 0 picks a free one."""
    return waitress.create_server(wsgi_app(app), host=host, port=port)


def serve(settings: Settings, assistant: Assistant, host: str, port: int, announce: Callable[[str], None]) -> None:
    app = build_app(settings, assistant)
    if settings.socket_mode:
        announce("Connecting to Slack in Socket Mode")
        SocketModeHandler(app, settings.app_token).start()
        return
    server = make_server(app, host, port)
    announce(f"Listening on http://{host}:{server.effective_port}{EVENTS_PATH}")
    server.run()
