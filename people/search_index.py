"""Building the search keys of a person, and finding ids that match a query, on either engine.

SQLite: an external-content FTS5 table with the trigram tokenizer, kept in step by triggers.
PostgreSQL: a pg_trgm GIN index on ``people_person.search_text``. Both answer substring matches
of three characters or more from the index; shorter words are checked with LIKE on the hits.
"""

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from django.db import connection
from django.db.models import Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from names.normalise import digits_key, document_number_key, name_key
from names.variants import KEY_MARK, compound_query_keys, compound_runs, known_natives, query_keys
from names.variants import sound_keys as name_sound_keys

FTS_TABLE = "people_person_fts"
MIN_INDEXED_LENGTH = 3


def search_text_for(
    *,
    spellings: Iterable[Sequence[str]],
    phones: Iterable[tuple[str, str]] = (),
    document_numbers: Iterable[str] = (),
) -> str:
    """The normalised keys of every name part of every spelling, phone and document number."""
    keys: list[str] = []
    for parts in spellings:
        for part in parts:
            if part:
                keys.append(_part_key(part))
                keys.extend(name_sound_keys(part))
    for number, e164 in phones:
        local = digits_key(number)
        keys.append(local)
        if e164:
            keys.append(digits_key(e164))
    keys.extend(document_number_key(number).lower() for number in document_numbers)
    seen: dict[str, None] = dict.fromkeys(key for key in keys if key)
    return " | ".join(seen)


@lru_cache(maxsize=200_000)
def _part_key(part: str) -> str:
    # Names repeat a great deal (a million people share a few thousand names): bulk loads reuse.
    return name_key(part)


_NUMBER_LIKE = re.compile(r"[\d\s\-+/.()]+")


def query_terms(query: str) -> list[str]:
    """The words of a query, normalised the way the keys were. A phone or document number typed
    with spaces or dashes is one term of its digits; a leading 00 or + before a country code
    is dropped, as it is not in the keys."""
    normalised = name_key(query)
    if _NUMBER_LIKE.fullmatch(normalised) and len(digits := digits_key(normalised)) >= MIN_INDEXED_LENGTH:
        return [digits.removeprefix("00")]
    return normalised.split()


def term_alternatives(term: str) -> list[str]:
    """What a query word may match: itself as typed (normalised), or the sound key of the name
    it spells, so that Mohammad also finds محمد, Muhammad and Мухаммед."""
    if term.isdigit():
        return [term]
    if known_natives(term):
        # A name the variant table knows is found by its keys alone: every recorded spelling of it
        # carries that key, and one condition instead of two halves the work per row.
        return query_keys(term)
    return [term, *query_keys(term)]


def query_clauses(terms: list[str]) -> list[list[str]]:
    """The conditions a person's keys must meet: every clause holds, and a clause holds when the
    keys contain any one of its texts. One clause per word, with its alternatives; where adjacent
    words may be one name written apart (Abdul Rahman, Wafi Ullah), the keys of that name joined
    are added to each of their clauses — (abdul and rahman) or abdurrahman, written as
    (abdul or abdurrahman) and (rahman or abdurrahman) — so that whichever way a compound was
    split or joined when it was recorded, and whichever way it is typed, it is found."""
    clauses = [term_alternatives(term) for term in terms]
    for start, end in compound_runs(terms):
        joined = compound_query_keys(terms[start:end])
        for index in range(start, end):
            clauses[index] = list(dict.fromkeys([*clauses[index], *joined]))
    return clauses


def scan_filter(clause: list[str]) -> Q:
    """One clause as a condition on rows read one by one (the newest rows, the index's hits):
    ``search_text`` holds one of the clause's texts. strpos, not LIKE: on PostgreSQL it tests
    10,000 rows in a third of the time (1.5 ms against 5 ms)."""
    matches = Q()
    for text in clause:
        matches |= Q(GreaterThan(StrIndex("search_text", Value(text)), 0))
    return matches


def index_filter(clause: list[str]) -> Q:
    """One clause as a condition the pg_trgm index can look up.

    A key (``~hsn~``, ``~=huseynov~``) is looked up by what follows its opening mark and checked
    whole on the rows found. pg_trgm reads a word after a mark as the start of a word, and the
    "starts with h" trigrams of that are in nearly every row: leaving them out of the lookup makes
    it several times cheaper (9 ms → 3 ms for ~=huseynov~ at 1M people).
    """
    matches = Q()
    for text in clause:
        core = text.lstrip(KEY_MARK + "=")
        if core == text or len(core.rstrip(KEY_MARK)) < 2:
            matches |= Q(search_text__contains=text)
        else:
            whole = GreaterThan(StrIndex("search_text", Value(text)), 0)
            matches |= Q(search_text__contains=core) & Q(whole)
    return matches


def indexed_clauses(clauses: list[list[str]]) -> list[list[str]]:
    """The clauses the index can look up: those whose every text has three characters or more
    (the others are checked on the index's hits)."""
    return [clause for clause in clauses if all(len(text) >= MIN_INDEXED_LENGTH for text in clause)]


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts_expression(clauses: list[list[str]]) -> str:
    parts = []
    for clause in clauses:
        alternatives = [_fts_phrase(text) for text in clause]
        parts.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts)


def indexed_terms(terms: list[str]) -> list[str]:
    return [term for term in terms if len(term) >= MIN_INDEXED_LENGTH]


def _sqlite_hits_sql(clauses: list[list[str]], *, before_id: int | None, limit: int) -> tuple[str, list]:
    """The index's hits as SQL: ids of people whose keys meet every indexed clause, newest first,
    below ``before_id``, at most ``limit``."""
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 -- constant name
    params: list[object] = [_fts_expression(indexed_clauses(clauses))]
    if before_id is not None:
        sql += " AND rowid < %s"
        params.append(before_id)
    sql += " ORDER BY rowid DESC LIMIT %s"
    params.append(limit)
    return sql, params


def sqlite_matching_ids(clauses: list[list[str]], *, before_id: int | None, limit: int) -> list[int]:
    """Ids of people whose keys meet every indexed clause, newest first, below ``before_id``."""
    with connection.cursor() as cursor:
        cursor.execute(*_sqlite_hits_sql(clauses, before_id=before_id, limit=limit))
        return [row[0] for row in cursor.fetchall()]


def sqlite_hits(clauses: list[list[str]], *, before_id: int | None, limit: int) -> RawSQL:
    """The index's next ``limit`` hits below ``before_id`` as a subquery, for ``pk__in``."""
    return RawSQL(*_sqlite_hits_sql(clauses, before_id=before_id, limit=limit))  # noqa: S611 -- bound


def sqlite_lowest_hit(clauses: list[list[str]], *, before_id: int | None, limit: int) -> int | None:
    """The oldest of the next ``limit`` hits below ``before_id``: where the next round starts."""
    sql, params = _sqlite_hits_sql(clauses, before_id=before_id, limit=limit)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(rowid), COUNT(*) FROM ({sql})", params)  # noqa: S608 -- ours
        lowest, count = cursor.fetchone()
    return lowest if count == limit else None


# Bulk loaders switch the SQLite triggers off and rebuild the index once at the end.
SQLITE_TRIGGERS_OFF = [
    "DROP TRIGGER IF EXISTS people_person_fts_insert",
]
SQLITE_TRIGGERS_ON = [
    """CREATE TRIGGER IF NOT EXISTS people_person_fts_insert AFTER INSERT ON people_person BEGIN
        INSERT INTO people_person_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]
SQLITE_REBUILD = "INSERT INTO people_person_fts(people_person_fts) VALUES ('rebuild')"
POSTGRESQL_INDEX_OFF = ["DROP INDEX IF EXISTS people_person_search_trgm"]
POSTGRESQL_INDEX_ON = [
    "CREATE INDEX IF NOT EXISTS people_person_search_trgm "
    "ON people_person USING gin (search_text gin_trgm_ops)",
]


def sqlite_index_rows(first_id: int) -> str:
    """Index the people from ``first_id`` on in one statement, for loaders that paused the trigger."""
    statement = "INSERT INTO people_person_fts(rowid, search_text) SELECT id, search_text FROM people_person"
    return f"{statement} WHERE id >= {int(first_id)}"  # noqa: S608 -- an int
