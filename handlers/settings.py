"""The Slack adapter's configuration, from environment variables; errors name the variable, never its value."""
from __future__ import annotations

import os
import re
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
    staff_channel: str | None = None  # set: members may pass questions to the Chair's Office there
    log_level: str = "INFO"

    @property
    def escalations(self) -> bool:
        return self.staff_channel is not None

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
        staff_channel=_staff_channel(env),
        log_level=_log_level(env),
    )


def _staff_channel(env: Mapping[str, str]) -> str | None:
    value = env.get("SSC_STAFF_CHANNEL", "").strip()
    # A channel id (public C..., private G...); a name like #ssc-staff would fail only at the first escalation.
    if value and not re.fullmatch(r"[CG][A-Z0-9]{2,}", value):
        raise SettingsError("SSC_STAFF_CHANNEL must be a channel id such as C0123ABCD, not a name")
    return value or None


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
