"""The Slack adapter's configuration, from environment variables; errors name the variable, never its value."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

SLACK_API_URL = "https://slack.com/api/"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    # repr=False: a Settings object in a traceback or log line must not leak the secrets.
    bot_token: str = field(repr=False)
    signing_secret: str = field(repr=False)
    api_url: str = SLACK_API_URL
    app_token: str | None = field(default=None, repr=False)  # set: Socket Mode instead of HTTP
    log_level: str = "INFO"

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None


def from_env(env: Mapping[str, str] = os.environ) -> Settings:
    api_url = env.get("SLACK_API_URL", "").strip() or SLACK_API_URL
    if not api_url.startswith(("http://", "https://")):
        raise SettingsError("SLACK_API_URL must be an http(s) URL")
    return Settings(
        bot_token=_token(env, "SLACK_BOT_TOKEN", "xoxb-"),
        signing_secret=_required(env, "SLACK_SIGNING_SECRET"),
        # slack_sdk joins method names to the base URL, so it must end with a slash.
        api_url=api_url if api_url.endswith("/") else api_url + "/",
        app_token=_token(env, "SLACK_APP_TOKEN", "xapp-") if env.get("SLACK_APP_TOKEN", "").strip() else None,
        log_level=_log_level(env),
    )


def _log_level(env: Mapping[str, str]) -> str:
    level = env.get("SSC_BOT_LOG_LEVEL", "").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise SettingsError(f"SSC_BOT_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
    return level


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise SettingsError(f"{name} is not set")
    return value


def _token(env: Mapping[str, str], name: str, prefix: str) -> str:
    value = _required(env, name)
    if not value.startswith(prefix):
        raise SettingsError(f"{name} must start with {prefix}")
    return value
