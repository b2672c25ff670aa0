import logging

import pytest
from click.testing import CliRunner

from bot.cli import cli
from handlers.settings import SLACK_API_URL, SettingsError, from_env

SECRET_TOKEN = "xoxp-1234-very-secret"


def test_settings_come_from_the_environment():
    settings = from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "http://127.0.0.1:9/api"})
    assert (settings.bot_token, settings.signing_secret, settings.api_url) == ("xoxb-1", "s", "http://127.0.0.1:9/api/")
    assert not settings.socket_mode
    assert from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}).api_url == SLACK_API_URL
    assert from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_APP_TOKEN": "xapp-1"}).socket_mode
    # The staff channel is optional: without it members are not offered the Chair's Office.
    assert not settings.escalations and settings.staff_channel is None
    assert from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SSC_STAFF_CHANNEL": " G0STAFF "}).staff_channel == "G0STAFF"


def test_settings_never_show_their_secrets():
    settings = from_env({"SLACK_BOT_TOKEN": "xoxb-secret", "SLACK_SIGNING_SECRET": "sign-secret", "SLACK_APP_TOKEN": "xapp-secret"})
    assert "secret" not in repr(settings)


@pytest.mark.parametrize("env, message", [
    ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN is not set"),
    ({"SLACK_BOT_TOKEN": SECRET_TOKEN, "SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN must start with xoxb-"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is not set"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_APP_TOKEN": SECRET_TOKEN}, "SLACK_APP_TOKEN must start with xapp-"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL must be an http(s) URL"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SSC_STAFF_CHANNEL": "#ssc-staff"},
     "SSC_STAFF_CHANNEL must be a channel id such as C0123ABCD, not a name"),
])
def test_a_missing_or_malformed_variable_is_named(env, message):
    with pytest.raises(SettingsError) as error:
        from_env(env)
    assert str(error.value) == message


def test_serve_exits_with_one_clear_line_and_no_token(monkeypatch, tmp_path):
    monkeypatch.setenv("SLACK_BOT_TOKEN", SECRET_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "bot.db"), "serve"])
    assert result.exit_code == 1
    assert result.output == "Error: SLACK_BOT_TOKEN must start with xoxb-\n"
    assert "very-secret" not in result.output


def test_the_log_level_comes_from_the_environment():
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    assert from_env(env).log_level == "INFO"
    assert from_env(env | {"SSC_BOT_LOG_LEVEL": "debug"}).log_level == "DEBUG"
    with pytest.raises(SettingsError, match="^SSC_BOT_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR$"):
        from_env(env | {"SSC_BOT_LOG_LEVEL": "loud"})


def test_building_the_app_with_the_token_in_the_environment_logs_no_warning(settings, assistant, monkeypatch, caplog):
    from handlers.app import build_app

    monkeypatch.setenv("SLACK_BOT_TOKEN", settings.bot_token)  # as `serve` runs: Bolt reads it too
    with caplog.at_level(logging.WARNING):
        build_app(settings, assistant)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
