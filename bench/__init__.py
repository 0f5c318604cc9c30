"""Benchmarks of the platform (DESIGN.md §8): the raw limits of this machine next to the system.

    make bench                          # or: .venv/bin/python -m bench
    .venv/bin/python -m bench --quick   # fewer requests and shorter raw runs
    .venv/bin/python -m bench --requests 500

One run measures, in this order: raw PostgreSQL single-row commits, raw RabbitMQ durable
publish-and-consume, the system taking applications over HTTP and sending their receipts by e-mail to
an SMTP sink, then routing's legal clock and deadline watcher. It prints one table and
writes the same results to `.run/bench/results.json`. docs/benchmarks.md explains every figure.
"""
