"""The SSC member assistant core: knowledge, answers, store and templates. No Slack here."""
