"""The qualifier rules of gzkit.bounds, each stated once in plain Python and checked against the library.

test_bounds.py checks that derived bounds hold for the formulas; this file pins the rules
themselves (docs/methodology.md, the docstring of gzkit.bounds), so that a changed operator,
a swapped symbol or a lost row in the vectorised path fails a test. docs/testing.md gives the
mutation score these tests reach and the surviving mutants judged equivalent.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gzkit import bounds

STATED = list(bounds.QUALIFIERS)  # what the data package allows
ANY = [*STATED, bounds.UNBOUNDED]  # plus what a derivation may produce

qualifier = st.sampled_from(ANY)
sign = st.sampled_from([-1, 1])


def expected_combination(qualifiers: list[str], signs: list[int]) -> str:
    """The rules of gzkit.bounds, one input at a time, written without numpy."""
    if bounds.UNBOUNDED in qualifiers:
        return bounds.UNBOUNDED
    pushes = set()
    strict = False
    for q, s in zip(qualifiers, signs):
        if q in (">", ">=", "<", "<="):
            direction = (1 if q.startswith(">") else -1) * s
            pushes.add(direction)
            strict = strict or q in (">", "<")
    if pushes == {1, -1}:
        return bounds.UNBOUNDED
    if "~" in qualifiers:
        return "~"
    if pushes == {1}:
        return ">" if strict else ">="
    if pushes == {-1}:
        return "<" if strict else "<="
    return "="


# --------------------------------------------------------------------------- combine


@pytest.mark.parametrize(
    "qualifiers,signs,result",
    [
        (["<"], [1], "<"),  # an upper bound on a rising input: the result is bounded above
        (["<="], [1], "<="),
        ([">"], [-1], "<"),  # a lower bound on a falling input bounds the result above
        ([">="], [-1], "<="),
        (["<=", "<"], [1, 1], "<"),  # strict when any pushing input is strict
        (["<=", "<="], [1, 1], "<="),
        (["<", ">"], [1, -1], "<"),  # both push down: a bound, not "?"
        (["?", "="], [1, 1], "?"),  # an unbounded input leaves the result unbounded
        (["=", "?"], [1, 1], "?"),
        (["?", "~"], [-1, 1], "?"),
        (["~", "<"], [1, 1], "~"),
        (["=", "="], [1, -1], "="),
    ],
)
def test_combine_follows_each_rule(qualifiers, signs, result):
    assert bounds.combine(qualifiers, signs) == result
    assert expected_combination(qualifiers, signs) == result


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(qualifier, sign), min_size=1, max_size=4))
def test_combine_equals_the_rules_for_any_inputs(pairs):
    qualifiers, signs = [q for q, _ in pairs], [s for _, s in pairs]
    got = bounds.combine(qualifiers, signs)
    assert isinstance(got, str)
    assert got == expected_combination(qualifiers, signs)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=3).flatmap(
        lambda k: st.tuples(
            st.lists(st.lists(qualifier, min_size=k, max_size=k), min_size=1, max_size=12),
            st.lists(sign, min_size=k, max_size=k),
        )
    )
)
def test_vectorised_combine_equals_the_rule_row_by_row(rows_and_signs):
    rows, signs = rows_and_signs
    columns = [np.array([row[i] for row in rows], dtype=object) for i in range(len(signs))]
    got = bounds.combine(columns, signs)
    assert list(got) == [expected_combination(row, signs) for row in rows]


def test_vectorised_combine_accepts_series_and_broadcasts_a_single_qualifier():
    rising = pd.Series([">", ">=", "=", "~", "<"])
    got = bounds.combine([rising, "="], [1, -1])
    assert list(got) == [">", ">=", "=", "~", "<"]
    # One stated start against many ends: the scalar is broadcast to every row.
    assert list(bounds.combine(["<", np.array([">", "=", "<"], dtype=object)], [-1, 1])) == [">", ">", "?"]


def test_vectorised_combine_keeps_strictness_per_row():
    got = bounds.combine([np.array(["=", ">", ">=", "<", "<=", "~"], dtype=object)], [1])
    assert list(got) == ["=", ">", ">=", "<", "<=", "~"]
    flipped = bounds.combine([np.array(["=", ">", ">=", "<", "<=", "~"], dtype=object)], [-1])
    assert list(flipped) == ["=", "<", "<=", ">", ">=", "~"]


# --------------------------------------------------------------------------- invert


@pytest.mark.parametrize(
    "qualifier,inverse", [(">", "<"), (">=", "<="), ("<", ">"), ("<=", ">="), ("=", "="), ("~", "~"), ("?", "?")]
)
def test_invert_swaps_the_direction_and_keeps_strictness(qualifier, inverse):
    assert bounds.invert(qualifier) == inverse


@given(qualifier)
def test_invert_is_its_own_inverse_and_agrees_with_a_falling_sign(q):
    assert bounds.invert(bounds.invert(q)) == q
    assert bounds.invert(q) == bounds.combine([q], [-1])


def test_invert_is_vectorised():
    got = bounds.invert(np.array([">", ">=", "<", "<=", "=", "~", "?"], dtype=object))
    assert isinstance(got, np.ndarray)
    assert list(got) == ["<", "<=", ">", ">=", "=", "~", "?"]


# --------------------------------------------------------------------------- satisfies


@pytest.mark.parametrize(
    "stated,q,truth,holds",
    [
        (10, "=", 10, True),
        (10, "=", 11, False),
        (10, "=", 10.5, False),  # a tolerance of one unit would accept it
        (1e6, "=", 1e6 + 1, False),  # a relative tolerance of 1e-5 would accept it
        (0, "=", 5e-9, False),  # an absolute tolerance of 1e-8 would accept it
        (0, "=", 5e-10, True),
        (10, ">", 11, True),
        (10, ">", 9, False),
        (10, ">", 10, True),  # equal within rounding counts as meeting the bound
        (10, ">=", 9, False),
        (10, ">=", 10, True),
        (10, "<", 9, True),
        (10, "<", 11, False),
        (10, "<=", 11, False),
        (10, "<=", 10, True),
        (10, "~", 1e9, True),  # an approximation claims nothing checkable
        (10, "?", -5, True),
    ],
)
def test_satisfies_reads_each_qualifier_at_its_edges(stated, q, truth, holds):
    assert bool(bounds.satisfies(stated, q, truth)) is holds


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(min_value=1e-4, max_value=1.0, allow_nan=False),
)
def test_satisfies_accepts_one_side_and_rejects_the_other(stated, relative_gap):
    # Bounds tolerate rounding (numpy's isclose, 1e-5 relative): step further out than that.
    gap = relative_gap * max(abs(stated), 1.0)
    above, below = stated + gap, stated - gap
    assert bounds.satisfies(stated, ">", above) and not bounds.satisfies(stated, ">", below)
    assert bounds.satisfies(stated, ">=", above) and not bounds.satisfies(stated, ">=", below)
    assert bounds.satisfies(stated, "<", below) and not bounds.satisfies(stated, "<", above)
    assert bounds.satisfies(stated, "<=", below) and not bounds.satisfies(stated, "<=", above)
    assert not bounds.satisfies(stated, "=", above) and not bounds.satisfies(stated, "=", below)
