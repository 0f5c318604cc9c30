"""`python -m bench`: read the options, run every benchmark, print the table, write the JSON."""
import argparse
import sys

from . import report
from .run import run_all, run_contacts_only, run_press_only
from .settings import RESULTS_FILE, Settings


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description="The raw limits of this machine next "
                                     "to the system's figures, in one run (DESIGN.md §8).")
    parser.add_argument("--quick", action="store_true", help="a short run: 60 requests a level, short raw runs")
    parser.add_argument("--requests", type=int, metavar="N", help="requests per concurrency level")
    parser.add_argument("--press-only", action="store_true", help="raw PostgreSQL and press's archive and feed "
                        "reader only (the full form loads a million clippings: several minutes of the full run)")
    parser.add_argument("--contacts-only", action="store_true", help="raw PostgreSQL and contacts' search only "
                        "(100,000 records; 20,000 with --quick)")
    args = parser.parse_args(argv)
    if args.press_only and args.contacts_only:
        parser.error("--press-only and --contacts-only: choose one")
    return args


def main(argv=None):
    """Run the benchmarks once; exit 1 when the system did not start or a request was refused."""
    args = parse_args(argv)
    settings = Settings.choose(quick=args.quick, requests=args.requests)
    if args.press_only:
        results = run_press_only(settings)
    elif args.contacts_only:
        results = run_contacts_only(settings)
    else:
        results = run_all(settings)
    report.print_report(results)
    report.write_json(results, RESULTS_FILE)
    print(f"\nresults written to {RESULTS_FILE}")
    return 0 if report.succeeded(results) else 1


if __name__ == "__main__":
    sys.exit(main())
