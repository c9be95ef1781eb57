"""The FTS triggers of 0002, created again by migrations after SQLite rebuilds people_person."""


SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS people_person_fts_insert AFTER INSERT ON people_person BEGIN
        INSERT INTO people_person_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS people_person_fts_delete AFTER DELETE ON people_person BEGIN
        INSERT INTO people_person_fts(people_person_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS people_person_fts_update AFTER UPDATE OF search_text ON people_person BEGIN
        INSERT INTO people_person_fts(people_person_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO people_person_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)
