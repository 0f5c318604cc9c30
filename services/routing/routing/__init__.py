"""Routing: cases, who answers them, and by when (the legal clock)."""
