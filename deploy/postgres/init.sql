-- Runs once, on the first start of an empty data volume (docker-entrypoint-initdb.d).
-- One database and one role per service (DESIGN.md §4): each role owns its own database and no
-- other role, except the superuser, may connect to it.
--
-- The passwords equal the role names for local use only. Production must override them
-- (ALTER ROLE ... PASSWORD ...) and pass the real ones to the services through their secrets.

CREATE ROLE intake   LOGIN PASSWORD 'intake';
CREATE ROLE routing  LOGIN PASSWORD 'routing';
CREATE ROLE notify   LOGIN PASSWORD 'notify';
CREATE ROLE contacts LOGIN PASSWORD 'contacts';
CREATE ROLE press    LOGIN PASSWORD 'press';
CREATE ROLE gateway  LOGIN PASSWORD 'gateway';

CREATE DATABASE intake   OWNER intake   ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE routing  OWNER routing  ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE notify   OWNER notify   ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE contacts OWNER contacts ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE press    OWNER press    ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE gateway  OWNER gateway  ENCODING 'UTF8' TEMPLATE template0;

-- Every new database grants CONNECT to PUBLIC; take that away so a service cannot read another's.
REVOKE CONNECT ON DATABASE intake   FROM PUBLIC;
REVOKE CONNECT ON DATABASE routing  FROM PUBLIC;
REVOKE CONNECT ON DATABASE notify   FROM PUBLIC;
REVOKE CONNECT ON DATABASE contacts FROM PUBLIC;
REVOKE CONNECT ON DATABASE press    FROM PUBLIC;
REVOKE CONNECT ON DATABASE gateway  FROM PUBLIC;

GRANT CONNECT ON DATABASE intake   TO intake;
GRANT CONNECT ON DATABASE routing  TO routing;
GRANT CONNECT ON DATABASE notify   TO notify;
GRANT CONNECT ON DATABASE contacts TO contacts;
GRANT CONNECT ON DATABASE press    TO press;
GRANT CONNECT ON DATABASE gateway  TO gateway;

-- contacts searches names with pg_trgm. The extension is trusted (PostgreSQL 13+), so the contacts role
-- could create it in its own database; created here by the superuser for servers where it may not.
\connect contacts
CREATE EXTENSION IF NOT EXISTS pg_trgm;
