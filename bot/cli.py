"""The `ssc-bot` command line."""
from __future__ import annotations

import dataclasses
import getpass
import json
import sys
from pathlib import Path

import click

from bot import escalations as escalation_desk
from bot import kbcheck, kbroutes, knowledge, store
from bot.answers import Answerer
from bot.assistant import Assistant, Message
from bot.templates import excerpt
from bot.terminal import chat as chat_loop
from bot.terminal import plain


class Context:
    """What the subcommands share; the knowledge base and database are opened on first use."""

    def __init__(self, db_path: str | None, knowledge_path: str | None):
        self.db_path = db_path
        self.knowledge_path = knowledge.knowledge_dir(knowledge_path)
        self._answerer: Answerer | None = None

    @property
    def answerer(self) -> Answerer:
        if self._answerer is None:
            try:
                self._answerer = Answerer(knowledge.load(self.knowledge_path))
            except knowledge.KnowledgeError as exc:
                raise click.ClickException(f"the knowledge base in {self.knowledge_path} has errors:\n{exc}")
        return self._answerer

    def db(self):
        return store.open_db(self.db_path)

    def assistant(self) -> Assistant:
        return Assistant(self.answerer, self.db())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", envvar="SSC_BOT_DB", type=click.Path(dir_okay=False), help=f"SQLite database file [env SSC_BOT_DB; default {store.default_path()}]")
@click.option("--knowledge", "knowledge_path", envvar="SSC_BOT_KNOWLEDGE", type=click.Path(file_okay=False), help="Knowledge base folder [env SSC_BOT_KNOWLEDGE; default: the one shipped with the bot]")
@click.version_option(package_name="ssc-bot")
@click.pass_context
def cli(ctx, db_path, knowledge_path):
    """The SSC member assistant: cited answers from the Guide to IUCN SSC Membership.

    Use `ssc-bot chat` to talk to it in the terminal, `ssc-bot ask` for one question, and
    `ssc-bot kb ...` to look after the knowledge base.
    """
    ctx.obj = Context(db_path, knowledge_path)


@cli.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Read questions one per line from standard input; write one JSON object per line.")
@click.option("--no-log", is_flag=True, help="Do not record the questions in the database (for evaluations).")
@click.pass_obj
def ask(obj: Context, question, as_json, no_log):
    """Answer QUESTION, or each line of standard input with --json.

    \b
    Examples:
      ssc-bot ask "Can I put SSC as my affiliation on a paper?"
      printf 'who signs intervention letters\\n' | ssc-bot ask --json

    Each JSON line holds: question, answered, entry, sources (guide sections),
    score (0-1), alternatives (entry ids) and text (Slack mrkdwn).
    """
    if as_json == bool(question):
        raise click.UsageError("give a QUESTION, or --json with questions on standard input")
    if no_log:
        respond = obj.answerer.answer
    else:
        assistant = obj.assistant()
        respond = lambda q: assistant.respond(Message(getpass.getuser(), q, "cli"))[0].answer  # noqa: E731
    if question:
        click.echo(plain(respond(question).text))
        return
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line.strip():
            click.echo(json.dumps(respond(line).as_json(), ensure_ascii=False))


@cli.command()
@click.option("--user", default=getpass.getuser(), show_default=True, help="Who you are in the conversation.")
@click.pass_obj
def chat(obj: Context, user):
    """Talk to the bot in the terminal: the same answers members get in Slack."""
    interactive = sys.stdin.isatty()

    def lines():
        while True:
            try:
                yield input("you> ") if interactive else next(sys.stdin)
            except (EOFError, StopIteration, KeyboardInterrupt):
                return

    chat_loop(obj.assistant(), lines(), click.echo, user)


@cli.group()
def kb():
    """Look after the knowledge base: check it, list it, see what members asked that it lacks."""


@kb.command("check")
@click.option("--max-age-days", default=kbcheck.DEFAULT_MAX_AGE_DAYS, show_default=True, help="Warn about entries reviewed longer ago than this.")
@click.option("--guide", type=click.Path(exists=True, dir_okay=False), help="The guide's text: also flag answers that copy its sentences.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.pass_obj
def kb_check(obj: Context, max_age_days, guide, strict):
    """Validate every entry; print `file:line: message` for each problem.

    Exits 1 when there are errors (or warnings, with --strict). Checks fields and their
    types, duplicate ids, guide section numbers, links, contacts, review age, the
    out-of-scope examples (out_of_scope.yaml), and example questions so alike across entries,
    or across an entry and the out-of-scope examples, that the bot could confuse them. When
    there are no errors, also warns about each example question the bot does not answer from
    its own entry.
    """
    guide_text = Path(guide).read_text(encoding="utf-8") if guide else None
    report = kbcheck.check(obj.knowledge_path, max_age_days=max_age_days, guide_text=guide_text)
    if not report.errors:
        # The base just checked, not a second reading of the folder.
        answerer = Answerer(knowledge.from_report(obj.knowledge_path, report))
        report.problems += kbroutes.misrouted(answerer, report.raw)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    errors, warnings = len(report.errors), len(report.warnings)
    declined = sum(len(topic.questions) for topic in report.out_of_scope)
    click.echo(f"{len(report.raw)} entries and {declined} out-of-scope examples checked: {errors} error(s), {warnings} warning(s)")
    if errors or (strict and warnings):
        sys.exit(1)


@kb.command("overlaps")
@click.option("--limit", default=15, show_default=True, help="How many pairs of entries to sum up.")
@click.pass_obj
def kb_overlaps(obj: Context, limit):
    """Example questions another entry would answer were they not written.

    Asks the bot each example question with that example hidden, as a member's question worded
    like it would meet the base, and prints `file:line: message` for each one answered from an
    entry citing another guide section; then the pairs of entries that draw each other's
    questions, most first. Where a pair is long, the two entries' example questions overlap:
    make each entry's questions name what sets it apart. A report for curators: it fails
    only on a base with errors.
    """
    report = kbcheck.check(obj.knowledge_path, compare_questions=False)
    if report.errors:
        raise click.ClickException(f"the knowledge base in {obj.knowledge_path} has errors; run `ssc-bot kb check`")
    answerer = Answerer(knowledge.from_report(obj.knowledge_path, report))
    problems, pairs = kbroutes.overlaps(answerer, report.raw)
    for problem in problems:
        click.echo(str(problem))
    asked = sum(len(raw.meta["questions"]) for raw in report.raw)
    click.echo(f"{len(problems)} of {asked} example questions would be answered from another entry.")
    for (own, other), count in pairs.most_common(limit):
        click.echo(f"{count:4}  {own} -> {other}")


@kb.command("list")
@click.pass_obj
def kb_list(obj: Context):
    """List the entries: id, guide sections and title."""
    for entry in sorted(obj.answerer.kb.entries, key=lambda e: (e.sources[0], e.id)):
        click.echo(f"{entry.id:<40} §{', §'.join(entry.sources):<12} {entry.title}")


@kb.command("gaps")
@click.option("--limit", default=30, show_default=True, help="How many questions to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def kb_gaps(obj: Context, limit, as_json):
    """Questions the bot declined, answered with low confidence or members found not helpful.

    What members ask that the knowledge base does not answer well, most frequent first: the
    curators' to-do list. `not helpful` counts the *Not helpful* clicks on those questions.
    """
    rows = store.gaps(obj.db(), limit=limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        click.echo("No gaps: every question so far was answered with confidence.")
        return
    click.echo(f"{'times':>5}  {'not helpful':>11}  {'last asked':<20} {'outcome':<18} {'closest entry':<32} question")
    for row in rows:
        click.echo(f"{row['times']:>5}  {row['not_helpful']:>11}  {row['last_asked']:<20.19} {row['outcomes']:<18} "
                   f"{row['closest_entry'] or '-':<32} {excerpt(row['question'], 80)}")


@cli.command()
@click.option("--open", "only_open", is_flag=True, help="Only the questions still waiting for an answer that reached the member.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, every column.")
@click.pass_obj
def escalations(obj: Context, only_open, as_json):
    """Questions members passed to the SSC Chair's Office from Slack, oldest first.

    \b
    state:  not posted   the staff channel never got it (the member can click again)
            waiting      posted in the staff channel, no staff reply yet
            not delivered  staff replied, but the reply could not reach the member
            answered     staff's reply reached the member
    """
    rows = escalation_desk.listing(obj.db(), only_open=only_open)
    if as_json:
        for row in rows:
            click.echo(json.dumps(dataclasses.asdict(row), ensure_ascii=False))
        return
    if not rows:
        click.echo("No open escalations." if only_open else "No escalations yet.")
        return
    click.echo(f"{'id':>4}  {'asked':<20} {'state':<14} {'member':<12} {'where':<8} question")
    for row in rows:
        click.echo(f"{row.id:>4}  {row.created_at:<20.19} {_state(row):<14} {row.user_id:<12} {row.surface:<8} {excerpt(row.question, 80)}")


def _state(escalation: escalation_desk.Escalation) -> str:
    if escalation.status == escalation_desk.ANSWERED:
        return "answered"
    if escalation.answer:
        return "not delivered"
    return "waiting" if escalation.staff_thread_ts else "not posted"


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (HTTP mode).")
@click.option("--port", default=3000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on (HTTP mode).")
@click.pass_obj
def serve(obj: Context, host, port):
    """Answer members in Slack.

    \b
    Needs SLACK_BOT_TOKEN (xoxb-...) and SLACK_SIGNING_SECRET. With SLACK_APP_TOKEN (xapp-...)
    the bot connects in Socket Mode; otherwise Slack sends requests to
    http://HOST:PORT/slack/events. GET /healthz answers "ok". One line per request is
    logged to stderr; SSC_BOT_LOG_LEVEL (DEBUG, INFO, WARNING, ERROR; default INFO) sets how much.
    """
    # Imported here, not at the top: the core must work without the Slack adapter.
    from handlers import logs, server, settings

    try:
        config = settings.from_env()
    except settings.SettingsError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    logs.configure(config.log_level)
    server.serve(config, obj.assistant(), host, port, click.echo)


def main() -> None:
    cli(prog_name="ssc-bot")
