#!/usr/bin/env bash
# Makes this machine ready to run the platform: RabbitMQ and PostgreSQL answering, and one database
# and role per service. Uses the servers that answer at the configured addresses; where nothing
# answers on a Debian machine, installs them from Debian's packages and starts them.
#   bash deploy/local/bootstrap.sh              # infrastructure, databases, roles
#   bash deploy/local/bootstrap.sh --infra-only # infrastructure only (tests make their own databases)
set -euo pipefail

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
# RabbitMQ's address comes from AMQP_URI when it is set, as the services read it
if [ -n "${AMQP_URI:-}" ]; then
  read -r AMQP_HOST AMQP_PORT < <(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(p.hostname or "127.0.0.1", p.port or 5672)' "$AMQP_URI")
fi
AMQP_HOST=${AMQP_HOST:-127.0.0.1}
AMQP_PORT=${AMQP_PORT:-5672}
SERVICES="intake routing notify contacts press gateway"
export PGHOST PGPORT PGUSER

say() { printf '[bootstrap] %s\n' "$*"; }
answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
wait_for() { for _ in $(seq 1 60); do answers "$1" "$2" && return 0; sleep 1; done; return 1; }

apt_install() {
  if ! command -v apt-get >/dev/null; then say "apt-get not found: install $* by hand"; exit 1; fi
  # </dev/null: apt must not stop for a terminal when `make run` runs in the background
  [ -n "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock || true)" ] || apt-get update -q </dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null </dev/null || { apt-get update -q </dev/null && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null </dev/null; }
}

# fonts for the PDF receipts (Turkish glyphs)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || [ -n "${PDF_FONT_PATH:-}" ] || {
  say "installing fonts-dejavu-core"; apt_install fonts-dejavu-core; }

if ! answers "$PGHOST" "$PGPORT"; then
  if ! command -v pg_ctlcluster >/dev/null; then
    say "installing PostgreSQL"; apt_install postgresql
    # A development machine we set up ourselves: let the local superuser in over TCP without a
    # password, as the tests' fresh-database helper does (never do this on a shared server).
    hba="/etc/postgresql/$(ls /etc/postgresql | tail -n1)/main/pg_hba.conf"
    sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
  fi
  say "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -n1)" main start || true
  wait_for "$PGHOST" "$PGPORT" || { say "PostgreSQL does not answer on $PGHOST:$PGPORT"; exit 1; }
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -n1)" main reload || true
fi
command -v psql >/dev/null || apt_install postgresql-client

# The superuser over TCP where that is allowed, else over the local socket as the postgres user.
admin_psql() {
  if psql -w -qtA -d postgres -c 'SELECT 1' >/dev/null 2>&1; then psql "$@";
  else runuser -u postgres -- psql -h /var/run/postgresql "$@"; fi
}

if ! answers "$AMQP_HOST" "$AMQP_PORT"; then
  if ! command -v rabbitmq-server >/dev/null; then say "installing RabbitMQ"; apt_install rabbitmq-server; fi
  say "starting RabbitMQ"
  rabbitmq-server -detached || true
  wait_for "$AMQP_HOST" "$AMQP_PORT" || { say "RabbitMQ does not answer on $AMQP_HOST:$AMQP_PORT"; exit 1; }
  sleep 3
fi

[ "${1:-}" = "--infra-only" ] && { say "PostgreSQL and RabbitMQ answer"; exit 0; }

for svc in $SERVICES; do
  admin_psql -v ON_ERROR_STOP=1 -qtA -d postgres >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$svc') THEN
    CREATE ROLE $svc LOGIN PASSWORD '$svc';
  END IF;
END \$\$;
SQL
  if [ -z "$(admin_psql -qtA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$svc'")" ]; then
    admin_psql -q -d postgres -c "CREATE DATABASE $svc OWNER $svc" >/dev/null
  fi
  admin_psql -q -d postgres -c "REVOKE CONNECT ON DATABASE $svc FROM PUBLIC; GRANT CONNECT ON DATABASE $svc TO $svc" >/dev/null
done
# contacts' migration creates pg_trgm itself where its role may (a trusted extension, PostgreSQL 13+);
# the superuser creates it first for servers where it may not
admin_psql -q -d contacts -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" >/dev/null
say "databases and roles ready: $SERVICES"
