-- The role the HallMonitor PCs sign in with on a shared PostgreSQL database.
--
-- The tables belong to the role that ran `hallmonitor migrate` (the owner); the
-- PCs use this one, which may read and write the hall's data but may not rewrite
-- the audit trail: no UPDATE, DELETE or TRUNCATE on audit_log, and audit_head may
-- only be moved forward by the app. Only the owner can drop the trail's triggers.
--
-- Run as the owner, after `hallmonitor migrate` and again after every upgrade:
--   psql -d hall -v app_role=hallmonitor_app -f app_role.sql
-- then give the role a password (ALTER ROLE hallmonitor_app PASSWORD '…') or
-- another way to sign in, and point the PCs at postgresql://hallmonitor_app@server/hall.

\set ON_ERROR_STOP on
SELECT format('CREATE ROLE %I LOGIN', :'app_role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_role') \gexec

SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'app_role') \gexec
GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :"app_role";

-- The trail: appended, never rewritten.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM :"app_role";
REVOKE DELETE, TRUNCATE ON audit_head FROM :"app_role";
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_head FROM PUBLIC;
-- The schema version is the owner's to move.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM :"app_role";
