"""Intake: applications from every channel, validated, numbered and acknowledged."""
