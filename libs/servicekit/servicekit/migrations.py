"""Versioned plain-SQL migrations per service, applied with yoyo (DESIGN.md §4).

Every database gets servicekit's own migrations (outbox, inbox) followed by the service's
`migrations/` folder. yoyo records what ran and takes a lock, so several instances starting at
once apply each migration exactly once.
"""
import sys
from pathlib import Path

from yoyo import get_backend, read_migrations

SERVICEKIT_MIGRATIONS = Path(__file__).parent / "migrations"


def apply_migrations(db_url, service_migrations):
    """Apply whatever has not run yet; returns the ids applied."""
    backend = get_backend(db_url)
    migrations = read_migrations(str(SERVICEKIT_MIGRATIONS), str(service_migrations))
    with backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return [migration.id for migration in pending]


def main(argv=None):
    """`python -m servicekit.migrations DB_URL MIGRATIONS_DIR`"""
    db_url, folder = (argv or sys.argv[1:])[:2]
    applied = apply_migrations(db_url, folder)
    print(f"applied {len(applied)} migration(s): {', '.join(applied) or '-'}")


if __name__ == "__main__":
    main()
