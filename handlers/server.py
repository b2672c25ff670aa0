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


class Server:
    """A waitress server that may be closed from another thread than the one running it."""

    def __init__(self, application: Callable, host: str, port: int, **waitress_options):
        self._waitress = waitress.create_server(application, host=host, port=port, **waitress_options)
        self._closed = False

    @property
    def port(self) -> int:
        return self._waitress.effective_port

    def run(self) -> None:
        """Serve until `close()`; blocks."""
        try:
            self._waitress.run()
        except OSError:
            if not self._closed:  # else select() saw the sockets close() just closed
                raise

    def close(self) -> None:
        self._closed = True
        self._waitress.close()
        self._waitress.task_dispatcher.shutdown()


def make_server(app: App, host: str = "127.0.0.1", port: int = 3000, **waitress_options) -> Server:
    """The HTTP server for `app`, not yet running; port 0 picks a free one."""
    return Server(wsgi_app(app), host, port, **waitress_options)


def make_socket_mode_handler(app: App, settings: Settings) -> SocketModeHandler:
    """The Socket Mode connection for `app`, not yet open. `connect()` asks the Web API at
    `settings.api_url` for a WebSocket URL (apps.connections.open, with the app token), opens it and
    returns, handling envelopes in background threads; `close()` ends it; `start()` connects and blocks."""
    return SocketModeHandler(app, settings.app_token)


def serve(settings: Settings, assistant: Assistant, host: str, port: int, announce: Callable[[str], None]) -> None:
    app = build_app(settings, assistant)
    if settings.socket_mode:
        announce("Connecting to Slack in Socket Mode")
        make_socket_mode_handler(app, settings).start()
        return
    server = make_server(app, host, port)
    announce(f"Listening on http://{host}:{server.port}{EVENTS_PATH}")
    server.run()
