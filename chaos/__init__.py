"""The fault suite (issue 8): the whole platform under load while, in turn, each process is killed,
RabbitMQ and PostgreSQL restart and a handler fails for a while; then proof, from the services' own
databases and the SMTP sink, that nothing accepted was lost or done twice.

`python -m chaos [--short|--long] [--applications N]`; the code reads top-down from
`chaos/__main__.py` → `chaos/run.py`.
"""
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # eventlet's notice that it is in bugfix mode (nameko imports it)
    import eventlet  # noqa: F401
