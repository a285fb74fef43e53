-- The application's own login role, ipm_app: no superuser, owns nothing.
-- Run as the owner (ipm) by the postgres-roles service in docker-compose.yml
-- on every `docker compose up`, so an existing database gets it too and a
-- changed APP_DB_PASSWORD takes effect. What ipm_app may do is granted by the
-- app's migrations (INSERT and SELECT only on audit_events).
SELECT format('CREATE ROLE ipm_app LOGIN PASSWORD %L', :'app_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ipm_app') \gexec
ALTER ROLE ipm_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
