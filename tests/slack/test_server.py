import json
import time

from tests.slack.sender import SIGNING_SECRET


def test_healthz_answers_ok(slack):
    assert slack.get("/healthz") == (200, "ok")


def test_unknown_paths_are_not_found(slack):
    assert slack.get("/slack/other")[0] == 404


def _event_body():
    return json.dumps({"type": "event_callback", "event_id": "Ev1", "team_id": "T1", "event": {
        "type": "message", "channel": "D1", "channel_type": "im", "user": "U1", "text": "who signs letters?", "ts": "1.0"}})


def test_a_bad_signature_is_refused_and_nothing_runs(slack, mock_slack, db):
    status, _ = slack.post(_event_body(), "application/json", secret="not-" + SIGNING_SECRET)
    assert status == 401
    time.sleep(0.1)
    assert mock_slack.calls == [] and db["questions"].count == 0


def test_a_request_older_than_five_minutes_is_refused(slack, mock_slack, db):
    status, _ = slack.post(_event_body(), "application/json", timestamp=int(time.time()) - 6 * 60)
    assert status == 401
    time.sleep(0.1)
    assert mock_slack.calls == [] and db["questions"].count == 0


def test_slack_url_verification_gets_its_challenge_back(slack):
    status, body = slack.post(json.dumps({"type": "url_verification", "token": "t", "challenge": "abc123"}), "application/json")
    assert status == 200 and "abc123" in body
