"""Slack adapter: Bolt listeners that turn Slack requests into calls on the core in `bot`."""
