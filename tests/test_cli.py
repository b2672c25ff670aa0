"""The `ssc-bot` command line, run as a user would run it."""
import datetime as dt
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from bot import store
from bot.cli import cli


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, ["--db", str(db_path), *args], input=input, catch_exceptions=False)

    return invoke


def test_ask_prints_a_plain_text_answer_with_its_source(run):
    result = run("ask", "who may speak on behalf of SSC?")
    assert result.exit_code == 0
    assert "Source: Guide to IUCN SSC Membership 2021-2025, §4.3.1" in result.output
    assert "&lt;" not in result.output and "<https://" not in result.output


def test_ask_json_answers_each_line_in_order(run):
    questions = ["who may speak on behalf of SSC?", "what's the weather in Gland", "", "what are the key species results"]
    result = run("ask", "--json", input="\n".join(questions) + "\n")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["question"] for line in lines] == [q for q in questions if q]
    assert set(lines[0]) == {"question", "answered", "entry", "sources", "score", "alternatives", "text"}
    assert lines[0]["answered"] is True and "4.3.1" in lines[0]["sources"]
    assert lines[1]["answered"] is False and lines[1]["sources"] == []
    assert all(isinstance(line["score"], float) and isinstance(line["alternatives"], list) for line in lines)


def test_ask_logs_unless_told_not_to(run, db_path):
    import sqlite_utils

    run("ask", "who signs intervention letters")
    run("ask", "--json", "--no-log", input="who signs intervention letters\n")
    assert sqlite_utils.Database(db_path)["questions"].count == 1


def test_ask_needs_a_question_or_json(run):
    result = run("ask")
    assert result.exit_code == 2
    assert "give a QUESTION, or --json" in result.output


def test_kb_gaps_shows_what_the_bot_could_not_answer_and_not_helpful_clicks(run, db_path):
    run("ask", "reset my zoom password")
    run("ask", "reset my zoom password")
    store.record_feedback(store.open_db(db_path), user_id="U1", helpful=False, at=dt.datetime.now(dt.timezone.utc), question_id=1)
    result = run("kb", "gaps")
    assert result.exit_code == 0
    header, row = result.output.splitlines()
    assert "not helpful" in header
    assert row.split()[:2] == ["2", "1"] and "reset my zoom password" in row
    as_json = [json.loads(line) for line in run("kb", "gaps", "--json").output.splitlines()]
    assert (as_json[0]["times"], as_json[0]["not_helpful"], as_json[0]["outcomes"]) == (2, 1, "declined")


def test_kb_gaps_when_there_are_none(run):
    assert "No gaps" in run("kb", "gaps").output


def test_kb_check_passes_on_the_shipped_base_and_fails_on_a_broken_one(run, mini_kb):
    ok = run("kb", "check")
    assert ok.exit_code == 0 and "0 error(s)" in ok.output
    (mini_kb / "entries" / "bad.md").write_text("no front matter\n")
    bad = CliRunner().invoke(cli, ["--knowledge", str(mini_kb), "kb", "check"])
    assert bad.exit_code == 1
    assert f"{mini_kb / 'entries' / 'bad.md'}:1: the file must start with a `---` front matter line" in bad.output


def test_kb_list_names_every_entry(run, kb):
    output = run("kb", "list").output
    assert len(output.splitlines()) == len(kb.entries)


def test_chat_answers_lines_until_quit(run, db_path):
    result = run("chat", "--user", "tester", input="hi\nwho signs intervention letters?\nquit\nnot asked\n")
    assert result.exit_code == 0
    assert "I answer questions about being an IUCN SSC member" in result.output
    assert "§4.5" in result.output
    import sqlite_utils

    assert [r["question"] for r in sqlite_utils.Database(db_path)["questions"].rows] == ["hi", "who signs intervention letters?"]


def test_a_broken_knowledge_base_stops_with_a_clear_message(mini_kb, db_path):
    (mini_kb / "entries" / "bad.md").write_text("no front matter\n")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "--knowledge", str(mini_kb), "ask", "hello"])
    assert result.exit_code == 1
    assert "the knowledge base in" in result.output and "bad.md:1:" in result.output


@pytest.mark.parametrize("command", [[], ["ask"], ["chat"], ["kb"], ["kb", "check"], ["kb", "gaps"], ["kb", "list"], ["escalations"]])
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage: " in result.output and len(result.output.splitlines()) > 4


def test_the_installed_console_command_runs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "bot", "--db", str(tmp_path / "x.db"), "ask", "who signs intervention letters"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "§4.5" in result.stdout
