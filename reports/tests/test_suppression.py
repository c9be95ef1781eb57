from reports.suppression import HIDDEN, SHOWN, SMALL, Line, protect


def _table(*values):
    counts = {("part", index): value for index, value in enumerate(values)}
    counts["total"] = sum(values)
    return counts, [Line("total", tuple(key for key in counts if key != "total"))]


def test_counts_under_five_but_not_zero_are_small():
    counts, lines = _table(0, 3, 40, 50)
    states = protect(counts, lines)
    assert states[("part", 0)] == SHOWN
    assert states[("part", 1)] == SMALL


def test_a_lone_small_count_takes_the_next_smallest_with_it():
    counts, lines = _table(3, 40, 50)
    states = protect(counts, lines)
    # Otherwise total − 40 − 50 gives the 3 away.
    assert [states[("part", i)] for i in range(3)] == [SMALL, HIDDEN, SHOWN]
    assert states["total"] == SHOWN


def test_two_small_counts_of_one_each_are_not_left_alone():
    counts, lines = _table(1, 1, 40)
    states = protect(counts, lines)
    assert states[("part", 2)] == HIDDEN  # 1 + 1 = 2 would say both are 1


def test_two_small_counts_that_cannot_be_told_apart_are_enough():
    counts, lines = _table(2, 3, 40)
    states = protect(counts, lines)
    assert [states[("part", i)] for i in range(3)] == [SMALL, SMALL, SHOWN]


def test_a_small_total_and_its_small_part_are_hidden_and_a_lone_small_part_takes_a_neighbour():
    counts = {"all": 3, "a": 3, "b": 0, "x": 40, "y": 3, "z": 37}
    # "all" = a + b; a second line where "a" is a part with visible others.
    lines = [Line("all", ("a", "b")), Line("x", ("y", "z"))]
    states = protect(counts, lines)
    assert states["all"] == SMALL
    assert states["a"] == SMALL
    assert states["z"] == HIDDEN


def test_hiding_in_one_line_protects_the_crossing_line():
    # A 2 × 2 table with margins: a small cell hides a neighbour in its row, which then needs a
    # partner in its column, and so on.
    counts = {
        ("c", 0, 0): 2,
        ("c", 0, 1): 30,
        ("c", 1, 0): 20,
        ("c", 1, 1): 40,
        ("r", 0): 32,
        ("r", 1): 60,
        ("k", 0): 22,
        ("k", 1): 70,
        "t": 92,
    }
    lines = [
        Line(("r", 0), (("c", 0, 0), ("c", 0, 1))),
        Line(("r", 1), (("c", 1, 0), ("c", 1, 1))),
        Line(("k", 0), (("c", 0, 0), ("c", 1, 0))),
        Line(("k", 1), (("c", 0, 1), ("c", 1, 1))),
        Line("t", (("r", 0), ("r", 1))),
        Line("t", (("k", 0), ("k", 1))),
    ]
    states = protect(counts, lines)
    hidden = {key for key, state in states.items() if state != SHOWN}
    assert {("c", 0, 0), ("c", 0, 1), ("c", 1, 0), ("c", 1, 1)} <= hidden


def test_the_smallest_neighbour_is_hidden_first():
    # "t" is a part here and a total in the other line: the smaller "y" goes instead.
    counts = {"t": 50, "a": 20, "b": 30, "s": 60, "x": 3, "y": 7}
    lines = [Line("t", ("a", "b")), Line("s", ("x", "t", "y"))]
    states = protect(counts, lines)
    assert states["y"] == HIDDEN
    assert states["t"] == SHOWN
