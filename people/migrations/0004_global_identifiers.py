"""Give every person and household a UUID: the key exports, imports and other systems use.

Existing rows get random UUIDs in SQL (a Python loop would take minutes on a million people); the
column is added nullable, filled, then made unique and required. On SQLite that last step
rebuilds people_person, which drops the FTS triggers of 0002: they are created again here.
"""

import uuid

from django.db import migrations, models

from people.migrations._sqlite_triggers import restore_sqlite_triggers

FILL = {
    # Django keeps UUIDs on SQLite as 32 hex digits.
    "sqlite": "UPDATE {table} SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL",
    "postgresql": "UPDATE {table} SET uid = gen_random_uuid() WHERE uid IS NULL",
}


def fill(apps, schema_editor):
    sql = FILL[schema_editor.connection.vendor]
    for table in ("people_person", "people_household"):
        schema_editor.execute(sql.format(table=table))


class Migration(migrations.Migration):
    dependencies = [("people", "0003_phone_add_tracking")]

    operations = [
        migrations.AddField("household", "uid", models.UUIDField(null=True, editable=False)),
        migrations.AddField("person", "uid", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            "household",
            "uid",
            models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="global identifier"
            ),
        ),
        migrations.AlterField(
            "person",
            "uid",
            models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="global identifier"
            ),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop, elidable=True),
    ]
