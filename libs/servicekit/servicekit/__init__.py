"""Shared run-time plumbing for the platform's nameko services (DESIGN.md §3, §4, §9)."""
