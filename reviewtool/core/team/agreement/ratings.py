"""Reliability matrices: one row per unit, one column per rater, None for a missing rating.

Every statistic starts here, so categories, missing values and malformed input are
treated the same way everywhere. A float NaN counts as missing too (data from pandas),
because NaN != NaN would otherwise turn each one into a category of its own.
"""

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from reviewtool.core.errors import InvalidInput

ReliabilityMatrix = Sequence[Sequence[Hashable | None]]

MISSING = -1


@dataclass(frozen=True)
class CodedRatings:
    """The matrix with each rating replaced by the index of its category."""

    codes: np.ndarray  # int, (units, raters); MISSING where a rater did not code the unit
    categories: tuple  # categories[code]; the caller's order when one was given

    @property
    def n_raters(self) -> int:
        return self.codes.shape[1]

    def category_counts(self) -> np.ndarray:
        """(units, categories): how many raters put each unit in each category."""
        counts = np.zeros((self.codes.shape[0], len(self.categories)), dtype=np.int64)
        units, raters = np.nonzero(self.codes != MISSING)
        np.add.at(counts, (units, self.codes[units, raters]), 1)
        return counts

    def raters_present(self, units: np.ndarray) -> int:
        """How many raters coded at least one of the selected units (a boolean mask)."""
        return int((self.codes[units] != MISSING).any(axis=0).sum())


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float | np.floating) and math.isnan(value))


def code_ratings(matrix: "ReliabilityMatrix | CodedRatings",
                 order: Sequence | None = None) -> CodedRatings:
    """Validate the matrix and code its categories.

    With `order`, categories are coded by their position in it (rank = index) and any
    rating outside it is refused; without, by first appearance (fine for nominal data).
    Ratings already coded are passed through, so several statistics of one field can share
    one coding (with `order`, it must be the order they were coded in).
    """
    if isinstance(matrix, CodedRatings):
        if order is not None and tuple(order) != matrix.categories:
            raise ValueError("These ratings were coded without the category order given.")
        return matrix
    rows = [list(row) for row in matrix]
    n_raters = len(rows[0]) if rows else 0
    for number, row in enumerate(rows, start=1):
        if len(row) != n_raters:
            raise InvalidInput(
                f"Unit {number} has {len(row)} ratings but unit 1 has {n_raters}; "
                "give every unit one entry per rater, None where a rater did not code it."
            )
    categories: list = list(order) if order is not None else []
    code_of = {category: code for code, category in enumerate(categories)}
    if len(code_of) != len(categories):
        raise ValueError(f"The category order {categories!r} lists a category twice.")

    codes = np.full((len(rows), n_raters), MISSING, dtype=np.int64)
    for unit, row in enumerate(rows):
        for rater, value in enumerate(row):
            if is_missing(value):
                continue
            try:
                code = code_of.get(value)
            except TypeError:
                raise InvalidInput(
                    f"Unit {unit + 1}, rater {rater + 1}: {value!r} cannot be a category; "
                    "use strings or numbers."
                ) from None
            if code is None:
                if order is not None:
                    raise InvalidInput(
                        f"Unit {unit + 1}, rater {rater + 1}: {value!r} is not one of the "
                        f"ordered categories {categories!r}."
                    )
                code = code_of[value] = len(categories)
                categories.append(value)
            codes[unit, rater] = code
    return CodedRatings(codes=codes, categories=tuple(categories))
