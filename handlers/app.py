"""The Bolt app: a Web API client that retries, and every listener registered in one place."""
from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler

from bot.assistant import Assistant
from handlers import actions, commands, events, logs
from handlers.core import Core
from handlers.settings import Settings


class _SameTokenNotice(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and, seeing our client too, warns that the token is unused;
    the client holds that very token, so the warning would only puzzle whoever reads the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def build_app(settings: Settings, assistant: Assistant) -> App:
    client = WebClient(token=settings.bot_token, base_url=settings.api_url)
    # The client starts with the connection-error handler; Slack also answers 429 and 5xx at times.
    client.retry_handlers.extend([RateLimitErrorRetryHandler(max_retry_count=2), ServerErrorRetryHandler(max_retry_count=2)])
    _quiet_same_token_notice()
    app = App(
        client=client,
        signing_secret=settings.signing_secret,
        # Building the app must not call Slack (tests, start-up without network); auth.test runs on the first request.
        token_verification_enabled=False,
    )

    core = Core(assistant, escalations_enabled=settings.escalations)
    logs.install(app)

    @app.middleware
    def provide_core(context, next):
        # Listeners take the core and settings from the context, so each module keeps the template's `register(app)`.
        context["core"] = core
        context["settings"] = settings
        next()

    for module in (events, commands, actions):
        module.register(app)
    return app


def _quiet_same_token_notice() -> None:
    logger = logging.getLogger("slack_bolt.App")  # the logger Bolt's App warns on
    if not any(isinstance(f, _SameTokenNotice) for f in logger.filters):
        logger.addFilter(_SameTokenNotice())
