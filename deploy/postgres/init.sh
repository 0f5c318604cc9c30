#!/bin/bash
# Runs once, on the first start of an empty data volume (docker-entrypoint-initdb.d runs *.sh with the
# container's environment). One database and one role per service (DESIGN.md §4): each role owns its own
# database and no other role, except the superuser, may connect to it.
#
# Each role's password comes from <SERVICE>_DB_PASSWORD (docker-compose.yml requires them; the services'
# DB_URL carry the same). A password reaches SQL only as a psql variable quoted by psql (:'password'), never
# through the shell into the SQL text. The local machine (`make run`) makes its roles with
# deploy/local/bootstrap.sh instead.
set -euo pipefail

SERVICES=(intake routing notify contacts press gateway)

for service in "${SERVICES[@]}"; do
  variable="${service^^}_DB_PASSWORD"
  if [ -z "${!variable:-}" ]; then
    echo "init.sh: $variable is not set: no role is made without a password of its own" >&2
    exit 1
  fi
done

for service in "${SERVICES[@]}"; do
  variable="${service^^}_DB_PASSWORD"
  # the quoted here-document keeps the shell out of the SQL; psql fills :"role" and :'password' itself
  psql -v ON_ERROR_STOP=1 --no-password --username "${POSTGRES_USER:-postgres}" --dbname postgres \
       -v role="$service" -v password="${!variable}" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role" ENCODING 'UTF8' TEMPLATE template0;
-- Every new database grants CONNECT to PUBLIC; take that away so a service cannot read another's.
REVOKE CONNECT ON DATABASE :"role" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"role" TO :"role";
SQL
done

# contacts searches names with pg_trgm. The extension is trusted (PostgreSQL 13+), so the contacts role
# could create it in its own database; created here by the superuser for servers where it may not.
psql -v ON_ERROR_STOP=1 --no-password --username "${POSTGRES_USER:-postgres}" --dbname contacts <<'SQL'
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SQL
