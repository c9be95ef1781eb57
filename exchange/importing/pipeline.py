"""Reading and checking rows, in batches, optionally in a second process.

Checking a row (names, dates, code lists, phones, search keys) is pure Python and needs no
database; writing needs the database and one connection. For big files the checking runs in a
forked child process while the parent writes the previous batch, which uses both of a small
server's cores: on the 2-core machine a million rows import in about half the time.
"""

import multiprocessing
import queue
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from exchange.importing.columns import ColumnMap
from exchange.importing.files import FileError, Table
from exchange.importing.rows import OUTER_SPACE, PersonRow, RowError, RowReader, cell_text

_QUEUE_BATCHES = 4  # batches waiting between the processes: bounds memory
_POLL_SECONDS = 5


@dataclass
class CheckedBatch:
    people: list[PersonRow] = field(default_factory=list)
    rejected: list[list[RowError]] = field(default_factory=list)  # everything wrong, per rejected row
    rows_read: int = 0  # so far, in the whole file
    progress: float = 0.0

    def __reduce__(self):
        # Rows cross between the processes as plain tuples, what pickle writes and reads fastest.
        people = [tuple(person) for person in self.people]
        return (_checked_batch, (people, self.rejected, self.rows_read, self.progress))


def _checked_batch(people: list[tuple], rejected: list, rows_read: int, progress: float) -> CheckedBatch:
    return CheckedBatch(list(map(PersonRow, people)), rejected, rows_read, progress)


def checked_batches(table: Table, columns: ColumnMap, reader: RowReader, size: int) -> Iterator[CheckedBatch]:
    escaped = table.kind == "csv"  # exports escape formulas in CSV and HXL only
    width = len(table.header)
    present = frozenset(columns.index_of)
    places = list(columns.index_of.items())
    # Most cells need nothing done: no outer space, no formula escape. Those are taken as they are.
    plain_first = frozenset(OUTER_SPACE) | ({"'"} if escaped else set())
    plain_last = frozenset(OUTER_SPACE)
    batch = CheckedBatch()
    for label, cells in table.rows:
        batch.rows_read += 1
        count = len(cells)
        if count > width and any(str(cell).strip() for cell in cells[width:]):
            message = _("This row has %(cells)d cells but the header names only %(width)d columns.")
            batch.rejected.append([RowError(label, "", "", message % {"cells": count, "width": width})])
            continue
        arranged = {}
        for name, index in places:
            value = cells[index] if index < count else ""
            if value.__class__ is not str or value[:1] in plain_first or value[-1:] in plain_last:
                value = cell_text(value, escaped=escaped)
            arranged[name] = value
        person, errors = reader.read(label, arranged, present)
        if errors:
            batch.rejected.append(errors)
        if person is not None:
            batch.people.append(person)
        if len(batch.people) + len(batch.rejected) >= size:
            batch.progress = table.progress()
            yield batch
            batch = CheckedBatch(rows_read=batch.rows_read)
    batch.progress = 1.0
    yield batch


def in_child_process(produce: Callable[[], Iterator[CheckedBatch]]) -> Iterator[CheckedBatch]:
    """The batches ``produce`` yields, made in a forked child process while the caller works.

    The child inherits the open file and the loaded code lists; it never touches the database
    connection, and leaves through os._exit (multiprocessing's fork does) so the parent's
    connection is not closed under it.
    """
    context = multiprocessing.get_context("fork")
    channel = context.Queue(maxsize=_QUEUE_BATCHES)

    def run() -> None:
        try:
            for batch in produce():
                channel.put(("batch", batch))
            channel.put(("done", None))
        except FileError as error:
            channel.put(("unreadable", str(error)))
        except Exception:  # noqa: BLE001 -- everything must reach the parent, which re-raises
            channel.put(("crashed", traceback.format_exc()))

    child = context.Process(target=run, name="homeward-import-reader", daemon=True)
    child.start()
    try:
        while True:
            try:
                kind, payload = channel.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if not child.is_alive():
                    raise RuntimeError("the import's reader process stopped unexpectedly") from None
                continue
            if kind == "batch":
                yield payload
            elif kind == "done":
                return
            elif kind == "unreadable":
                raise FileError(payload)
            else:
                raise RuntimeError(f"the import's reader process failed:\n{payload}")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
