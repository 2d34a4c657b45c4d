-- Prepares an external PostgreSQL server (13 or later) for outcomesd, with least privilege.
-- Run once as a superuser (or a role with CREATEROLE and CREATEDB), e.g.:
--
--   sudo -u postgres psql -v ON_ERROR_STOP=1 -f /usr/share/doc/outcomesd/bootstrap.sql
--   sudo -u postgres psql -c '\password outcomesd'        -- the password: never in this file
--
-- then point the daemon at it in /etc/outcomesd/outcomesd.yaml:
--
--   database:
--     url: postgresql://outcomesd@db.example.org/outcomes?sslmode=verify-full
--     password_file: /etc/outcomesd/database.password     # root:outcomesd 0640
--
-- and run `sudo -u outcomesd outcomesd migrate --config /etc/outcomesd/outcomesd.yaml` (or just
-- start the service: `serve` migrates too).
--
-- What outcomesd does with the database (Sources/OutcomesStore/Migrations): CREATE TABLE, INDEX,
-- FUNCTION (plpgsql) and TRIGGER in its own schema; SELECT/INSERT/UPDATE/DELETE, COPY, ANALYZE on
-- its tables; LISTEN/NOTIFY and advisory locks; temporary tables (a feed is staged in one before
-- it is merged). It needs no superuser, no CREATEDB/CREATEROLE, no extension and nothing in the
-- public schema.

-- The login role: no superuser, cannot create databases or roles, no replication, no RLS bypass.
CREATE ROLE outcomesd LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    NOINHERIT CONNECTION LIMIT 64;

-- The database belongs to the administrator running this script, not to outcomesd: the daemon
-- cannot drop it, rename it, change its settings or grant access to it.
CREATE DATABASE outcomes ENCODING 'UTF8' TEMPLATE template0;

-- Only outcomesd (and superusers) may connect; only outcomesd may create temporary tables.
REVOKE ALL ON DATABASE outcomes FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE outcomes TO outcomesd;

\connect outcomes

-- The public schema is closed to everyone (PostgreSQL 15 already denies CREATE there; older
-- servers allowed it to PUBLIC).
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- outcomesd's tables, functions and triggers live in a schema it owns (it creates and migrates
-- them, so it must own them: ALTER TABLE and CREATE TRIGGER need ownership). Unqualified names
-- resolve to it through the role's search_path.
CREATE SCHEMA outcomesd AUTHORIZATION outcomesd;
ALTER ROLE outcomesd IN DATABASE outcomes SET search_path = outcomesd;

-- Nothing else is granted: plpgsql stays usable (PUBLIC has USAGE on it by default); the
-- statement_timeout and application_name outcomesd sets are ordinary session settings.
