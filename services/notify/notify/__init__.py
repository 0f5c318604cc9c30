"""Notifications: the only part of the platform that talks to people and systems outside."""
