"""Press service (basın yayın servisi): clippings from news feeds, their tone, the press board, press
releases and their feed, the morning digest for the mayor's office, publications, subscriptions and
media productions.

Pure domain layer (no nameko, no SQL): feeds, clippings, tone, releases, digest, subscriptions, board.
Use cases over the database: ingest, archive, release_flow, morning, office, renewals (with inputs,
access, files, present); SQL only in storage, storage_releases, storage_office; entrypoints in service.
"""
