"""The Dockerfile cannot be built here, so its essentials are checked by reading it."""
import json
import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())  # continuation lines joined
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def _all(instructions, name: str) -> list[str]:
    return [args for instruction, args in instructions if instruction == name]


def _env(instructions) -> dict:
    return dict(pair.split("=", 1) for args in _all(instructions, "ENV") for pair in shlex.split(args))


def test_the_image_runs_serve_as_a_user_who_is_not_root(instructions):
    assert _all(instructions, "FROM") == ["python:3.11-slim"]
    assert json.loads(_all(instructions, "CMD")[-1]) == ["ssc-bot", "serve", "--host", "0.0.0.0", "--port", "3000"]
    assert _all(instructions, "EXPOSE") == ["3000"]
    names = [name for name, _ in instructions]
    user = _all(instructions, "USER")[-1]
    assert user not in ("root", "0") and names.index("USER") < names.index("CMD")
    assert "useradd" in " ".join(_all(instructions, "RUN")) and user in " ".join(_all(instructions, "RUN"))


def test_the_database_is_on_the_volume(instructions):
    assert _all(instructions, "VOLUME") == ["/data"]
    assert _env(instructions)["SSC_BOT_DB"] == "/data/ssc-bot.db"
    assert _env(instructions)["SSC_BOT_DRAFTS"].startswith("/data/")  # the bot's user can write only there


def test_the_healthcheck_asks_healthz_with_python_alone(instructions):
    [check] = _all(instructions, "HEALTHCHECK")
    command = json.loads(check.split("CMD", 1)[1])
    assert command[:2] == ["python", "-c"] and "curl" not in check
    assert "/healthz" in command[2] and ":3000/" in command[2]
    compile(command[2], "HEALTHCHECK", "exec")


def test_what_the_image_copies_exists_and_is_not_ignored(instructions):
    ignored = {line.strip().rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip() and not line.startswith("#")}
    sources = [path for args in _all(instructions, "COPY") for path in args.split()[:-1]]
    assert {"bot", "handlers", "knowledge", "pyproject.toml"} <= set(sources)
    for source in sources:
        assert (ROOT / source).exists() and source not in ignored, source
    # A pip-installed bot does not find knowledge/ next to its package; the image says where it is.
    assert _env(instructions)["SSC_BOT_KNOWLEDGE"] == "/app/knowledge"
