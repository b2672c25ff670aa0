from tests.slack.mock_slack import AUTH_TEST


def test_ssc_answers_privately_through_the_response_url(slack, mock_slack, db):
    status, body = slack.command("who signs intervention letters?")
    assert status == 200 and body == ""
    [call] = mock_slack.wait_for("/respond/cmd")
    assert call.body["response_type"] == "ephemeral"
    assert "intervention letters" in call.body["text"].lower()
    assert call.blocks[0]["type"] == "section"
    assert [r["surface"] for r in db["questions"].rows] == ["command"]
    assert not mock_slack.calls_to("/api/chat.postMessage")


def test_ssc_help_and_bare_ssc_introduce_the_bot(slack, mock_slack):
    slack.command("help")
    slack.command("   ")
    calls = mock_slack.wait_for("/respond/cmd", 2)
    intro = calls[0].body["text"]
    assert "SSC" in intro and calls[1].body["text"] == intro
    assert all(b["type"] == "section" for b in calls[0].blocks)  # no feedback buttons on an introduction
    assert AUTH_TEST["user_id"] not in intro
