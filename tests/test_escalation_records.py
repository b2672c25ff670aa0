import datetime as dt

from bot import escalations, store, templates

T0 = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)


def ask(db, user="U1", surface="dm"):
    return store.log_question(db, at=T0, user_id=user, surface=surface, question="what about <b>?", outcome="declined", entry_id=None, score=0.0)


def test_a_question_is_escalated_once_and_only_by_its_asker(db):
    question_id = ask(db)
    assert escalations.escalate(db, question_id=question_id, user_id="U2", channel_id="D2", thread_ts=None, at=T0) is None
    assert escalations.escalate(db, question_id=999, user_id="U1", channel_id="D1", thread_ts=None, at=T0) is None
    first = escalations.escalate(db, question_id=question_id, user_id="U1", channel_id="D1", thread_ts=None, at=T0)
    again = escalations.escalate(db, question_id=question_id, user_id="U1", channel_id="D1", thread_ts=None, at=T0 + dt.timedelta(hours=1))
    assert first == again and (first.status, first.question, first.created_at) == ("open", "what about <b>?", "2026-11-24T09:00:00+00:00")


def test_the_answer_goes_where_the_member_asked(db):
    def reply_to(surface, channel, thread):
        question_id = ask(db, surface=surface)
        return escalations.escalate(db, question_id=question_id, user_id="U1", channel_id=channel, thread_ts=thread, at=T0).reply_to

    assert reply_to("dm", "D1", None) == ("D1", None)
    assert reply_to("mention", "C1", "1.2") == ("C1", "1.2")
    assert reply_to("mention", "C1", None) == (None, None)  # clicked in a private reply: a DM
    assert reply_to("command", "C1", None) == (None, None)  # /ssc answers are private: a DM


def test_staff_markup_is_kept_but_broadcasts_become_text():
    text = "see <https://x.org|x> &amp; <@U7> <!date^1392734382^{date}|Feb 18> <!channel> <!here|here> <!subteam^S1>"
    assert templates.without_broadcasts(text) == (
        "see <https://x.org|x> &amp; <@U7> <!date^1392734382^{date}|Feb 18> &lt;!channel&gt; &lt;!here|here&gt; &lt;!subteam^S1&gt;"
    )


def test_only_slack_ids_become_mentions():
    assert templates.mention("U0123ABC") == "<@U0123ABC>"
    assert templates.mention("<!channel>") == "&lt;!channel&gt;"
