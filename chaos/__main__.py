"""`python -m chaos [--short|--long] [--applications N]`: the fault suite; exits 1 when anything
acknowledged was lost or done twice (or the system did not settle, or a fault was not recovered from).

It restarts this machine's RabbitMQ and PostgreSQL (each for a few seconds) and always brings both
back before it exits.
"""
import argparse
import logging
import signal
import sys
from pathlib import Path

from deploy.local.system import SystemDidNotStart

from . import report, settings
from .run import run, succeeded


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m chaos", description="Kill, restart and refuse while the "
                                     "platform takes applications; then prove nothing accepted was lost or "
                                     "done twice (issue 8).")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--short", action="store_true", help="a few hundred applications, each fault once (default)")
    form.add_argument("--long", action="store_true", help="a few thousand applications, each fault twice")
    parser.add_argument("--applications", type=int, metavar="N", help="how many applications the load submits")
    parser.add_argument("--broker-restart", choices=("node", "app"),
                        help="restart the whole RabbitMQ node (default) or only its application")
    parser.add_argument("--only", metavar="WORDS", help="only the faults whose name holds one of these "
                        "comma-separated words, e.g. kill,451 (for working on one fault)")
    parser.add_argument("--log-dir", default=str(settings.LOG_DIR), help="processes' logs and the sink's mail")
    parser.add_argument("--json", metavar="PATH", help="results file (default: results.json in the log folder)")
    return parser.parse_args(argv)


def main(argv=None):
    """Run the suite once, print its tables, write its JSON; exit status 0 only when nothing was lost."""
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)  # stopped from outside: still stop the processes, restart the servers
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    chosen = settings.choose(long=args.long, applications=args.applications, broker_restart=args.broker_restart,
                             only=args.only)
    try:
        results = run(chosen, args.log_dir)
    except SystemDidNotStart as exc:
        print(f"the system did not start: {exc}", file=sys.stderr)
        return 1
    verdict = succeeded(results)
    report.print_report(results, verdict)
    path = args.json or Path(args.log_dir) / "results.json"
    report.write_json(results, path)
    print(f"results written to {path}")
    return 0 if verdict else 1


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


if __name__ == "__main__":
    sys.exit(main())
