"""Press service (basın yayın servisi): clippings from news feeds, their tone, the press board, press
releases and their feed, the morning digest for the mayor's office, publication subscriptions.

The modules here are the pure domain layer: no nameko, no SQL. Storage and entrypoints build on them.
"""
