# The organisation's own index is covered by audit_organisation_idx (organisation, at): every event
# written kept both up to date (a million imported people: a million entries for nothing). Only the
# index goes; on SQLite an AlterField would rebuild the table and lose its append-only trigger.

import django.db.models.deletion
from django.db import migrations, models

INDEX = "audit_auditevent_organisation_id_11de86af"


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_roles_and_scope"),
        ("audit", "0002_append_only_trail"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="organisation",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {INDEX}",
                    reverse_sql=f'CREATE INDEX {INDEX} ON "audit_auditevent" ("organisation_id")',
                ),
            ],
        ),
    ]
