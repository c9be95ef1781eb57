"""The name search index: FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL.

The SQL is written out here (migrations import nothing from the apps) and mirrors
people/search_index.py, which bulk loaders use to drop and rebuild it.
"""

from django.db import migrations

SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE people_person_fts USING fts5("
    "search_text, content='people_person', content_rowid='id', tokenize='trigram')",
    """CREATE TRIGGER people_person_fts_insert AFTER INSERT ON people_person BEGIN
        INSERT INTO people_person_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER people_person_fts_delete AFTER DELETE ON people_person BEGIN
        INSERT INTO people_person_fts(people_person_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER people_person_fts_update AFTER UPDATE OF search_text ON people_person BEGIN
        INSERT INTO people_person_fts(people_person_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO people_person_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS people_person_fts_update",
    "DROP TRIGGER IF EXISTS people_person_fts_delete",
    "DROP TRIGGER IF EXISTS people_person_fts_insert",
    "DROP TABLE IF EXISTS people_person_fts",
]
POSTGRESQL_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS people_person_search_trgm ON people_person USING gin (search_text gin_trgm_ops)",
]
POSTGRESQL_TEARDOWN = ["DROP INDEX IF EXISTS people_person_search_trgm"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_SETUP, "postgresql": POSTGRESQL_SETUP}),
            _run({"sqlite": SQLITE_TEARDOWN, "postgresql": POSTGRESQL_TEARDOWN}),
        )
    ]
