"""Figures for the Slack adapter: signed DM events through the real HTTP endpoint, on loopback.

    .venv/bin/python bench/slack.py [--events 300] [--threads 4]

The app runs as `ssc-bot serve` runs it (Bolt behind waitress, the request log line written to
/dev/null) with the Web API pointed at the tests' recording mock. A few client threads send
signed DM events, each with a question from the evaluation set; the figures are how fast Slack
would get its HTTP 200 (the ack) and how long until every reply reached the mock.
"""
from __future__ import annotations

import argparse
import itertools
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.evaluation import load_questions  # noqa: E402
from bot import knowledge, store  # noqa: E402
from bot.answers import Answerer  # noqa: E402
from bot.assistant import Assistant  # noqa: E402
from handlers.settings import Settings  # noqa: E402
from tests.slack.mock_slack import MockSlack  # noqa: E402
from tests.slack.sender import BOT_TOKEN, SIGNING_SECRET, running  # noqa: E402

POST = "/api/chat.postMessage"


def send(sender, jobs: list[tuple[str, str, str]], latencies: list[float], failures: list[int]) -> None:
    for event_id, user, question in jobs:
        started = time.perf_counter()
        status, _ = sender.dm(question, event_id, user=user)
        latencies.append(time.perf_counter() - started)
        if status != 200:
            failures.append(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=300, help="DM events to send (default 300)")
    parser.add_argument("--threads", type=int, default=4, help="client threads sending them (default 4)")
    args = parser.parse_args()

    # As serve logs: one line per request, here formatted and thrown away.
    logging.basicConfig(level=logging.INFO, stream=open(os.devnull, "w"))
    data = load_questions()
    questions = [q["q"] for q in data["in_scope"] + data["out_of_scope"]]
    # A member per event: a reply like "2" must not be taken as picking a topic offered to someone else.
    jobs = [(f"Ev{i}", f"U{i}", question) for i, question in zip(range(args.events), itertools.cycle(questions))]

    mock = MockSlack()
    mock.start()
    with tempfile.TemporaryDirectory() as folder:
        assistant = Assistant(Answerer(knowledge.load()), store.open_db(Path(folder) / "bench.db"))
        settings = Settings(bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=mock.api_url)
        with running(settings, assistant, mock) as sender:
            sender.dm("hello", "EvWarmUp", user="UWARM")  # Bolt's first request calls auth.test
            mock.wait_for(POST, timeout=10)
            latencies: list[float] = []
            failures: list[int] = []
            shares = [jobs[i :: args.threads] for i in range(args.threads)]
            clients = [threading.Thread(target=send, args=(sender, share, latencies, failures)) for share in shares]
            started = time.perf_counter()
            for client in clients:
                client.start()
            for client in clients:
                client.join()
            acked = time.perf_counter() - started
            mock.wait_for(POST, args.events + 1, timeout=120)
            replied = time.perf_counter() - started
            time.sleep(0.2)  # a duplicate reply would show up here
            replies = len(mock.calls_to(POST)) - 1
    mock.stop()

    cuts = statistics.quantiles(latencies, n=100)
    print(f"{args.events} signed DM events from {args.threads} client threads, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"acknowledged (HTTP 200):   {args.events / acked:7.0f} events/s   ({acked:.2f} s, {len(failures)} not 200)")
    print(f"ack latency:               p50 {cuts[49] * 1000:.1f} ms, p99 {cuts[98] * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
    print(f"every reply at the mock:   {args.events / replied:7.0f} events/s   ({replied:.2f} s, {replies} replies)")
    if failures or replies != args.events:
        sys.exit(1)


if __name__ == "__main__":
    main()
