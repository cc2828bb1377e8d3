"""On PostgreSQL the audit trail refuses UPDATE and DELETE, whoever asks: the web, the admin,
a shell or a migration. Rows are only ever added (audit.capture, audit.services). SQL for
PostgreSQL only; SQLite (development, tests) relies on the admin and the code. TRUNCATE is
left to the table's owner: the test runner empties tables with it between transactional tests."""

from django.db import migrations

FORBID = """
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The one exception: the retention job (governance.retention), inside its own transaction,
    -- blanks what a row past its retention date says about a person. Who did what, to which
    -- record and when stays as it was.
    IF TG_OP = 'UPDATE' AND current_setting('homeward.retention', true) = 'on'
        AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
        AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id
        AND NEW.object_type = OLD.object_type AND NEW.object_id = OLD.object_id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
"""
ALLOW = """
DROP TRIGGER audit_append_only ON audit_auditevent;
DROP FUNCTION audit_append_only();
"""


def forbid(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORBID, params=None)  # no parameters: the % is for RAISE


def allow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ALLOW)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_delete_action")]

    operations = [migrations.RunPython(forbid, allow)]
