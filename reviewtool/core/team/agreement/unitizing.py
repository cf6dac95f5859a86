"""Unitizing: did the reviewers find the same passages? (docs/methods.md, "Unitizing")

Kept apart from the coding of the passages both found (review.py), as the literature does:
- positive specific agreement (Fleiss 1975; Cicchetti & Feinstein 1990) on the paired passage
  units: of the times a reviewer found a passage, how often did another reviewer of the
  document find it too. Two reviewers: 2a / (2a + b + c) with a passages found by both and
  b, c found by one only. Several: sum_u x_u (x_u - 1) / sum_u x_u (m_u - 1), x_u reviewers
  who found unit u of m_u reviewers of its document (Uebersax's generalisation). Passages no
  one found are never seen, so no chance-corrected statistic can be computed on the units;
- Krippendorff's unitizing alpha (|u-alpha; Krippendorff 1995, 2004 §12.4) on the character
  continuum itself: every reviewer's text is split into marked stretches (the union of their
  quotes) and gaps; observed disagreement adds, for every two reviewers, the squared
  differences of the ends of overlapping marked stretches and the squared length of a marked
  stretch lying inside the other's gap; expected disagreement is the same over all possible
  placements of the stretches. Documents are laid end to end, a gap never running from one
  into the next (review.py picks the documents that share one team of reviewers).
  Checked against Krippendorff's (2004, p. 254) worked example.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from reviewtool.core.team.agreement.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED, bootstrap_interval
from reviewtool.core.team.agreement.estimate import Estimate, estimate, undefined

SPECIFIC = "positive specific agreement"
U_ALPHA = "Krippendorff's unitizing alpha"

Span = tuple[int, int]  # [start, end) in characters


def positive_specific_agreement(found: Sequence[Sequence[bool | None]], *,
                                n_resamples: int = DEFAULT_RESAMPLES,
                                seed: int = DEFAULT_SEED) -> Estimate:
    """`found`: per passage unit, per reviewer True (found it), False (a reviewer of the
    document who did not) or None (not a reviewer of that document)."""
    rows = [[v for v in row if v is not None] for row in found]
    rows = [row for row in rows if len(row) >= 2 and any(row)]
    n_raters = max((sum(v is not None for v in row) for row in found), default=0)
    if not rows:
        return undefined(SPECIFIC, "no passage on a document with two or more reviewers", 0,
                         n_raters)
    x = np.array([sum(row) for row in rows], dtype=float)
    m = np.array([len(row) for row in rows], dtype=float)
    agreeing, possible = x * (x - 1), x * (m - 1)

    def specific_for(multiplicities: np.ndarray) -> np.ndarray:
        return (multiplicities @ agreeing) / (multiplicities @ possible)

    value = float(specific_for(np.ones(len(rows))))
    interval = bootstrap_interval(specific_for, len(rows), n_resamples=n_resamples, seed=seed)
    return estimate(SPECIFIC, value, interval.low, interval.high, len(rows), n_raters,
                    interval.method, interval.undefined)


@dataclass(frozen=True)
class Continuum:
    """One document: its length in characters and each reviewer's quoted spans."""

    length: int
    marked: dict[str, list[Span]]


@dataclass(frozen=True)
class _Terms:
    """One document's contribution to |u-alpha, so that resampling documents only reweights."""

    observed: float  # sum over reviewer pairs (i < j) of the squared distances
    length: int
    units: int  # marked stretches, all reviewers
    cubic: float  # sum over stretches of (2l^3 - 3l^2 + l) / 3
    squares: float  # sum over stretches of l (l - 1)
    unit_lengths: np.ndarray
    gap_lengths: np.ndarray


def unitizing_alpha(documents: Sequence[Continuum], reviewers: Sequence[str], *,
                    n_resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> Estimate:
    """|u-alpha for `reviewers` (every one a coder of every document) over the documents."""
    m = len(reviewers)
    if m < 2 or not documents:
        return undefined(U_ALPHA, "needs two or more reviewers of the same documents",
                         len(documents), m)
    terms = [_terms(doc, reviewers) for doc in documents]
    d = len(terms)
    observed = np.array([t.observed for t in terms])
    lengths = np.array([t.length for t in terms], dtype=float)
    units = np.array([t.units for t in terms], dtype=float)
    cubic = np.array([t.cubic for t in terms])
    squares = np.array([t.squares for t in terms])
    # cross[a, b]: units of document a against gaps of document b at least as long.
    cross = _cross_unit_gap(terms)

    def alpha_for(w: np.ndarray) -> np.ndarray:
        w = np.atleast_2d(w).astype(float)
        total = w @ lengths
        n_units = w @ units
        with np.errstate(divide="ignore", invalid="ignore"):
            d_o = 2 * (w @ observed) / (m * (m - 1) * total**2)
            spread = (n_units - 1) * (w @ cubic) + np.einsum("ra,ab,rb->r", w, cross, w)
            d_e = (2 / total) * spread / (m * total * (m * total - 1) - w @ squares)
            alpha = 1 - d_o / d_e
        return np.where(d_e > 0, alpha, np.nan)

    value = float(alpha_for(np.ones(d))[0])
    if np.isnan(value):
        return undefined(U_ALPHA, "no reviewer quoted anything, so there is nothing to compare",
                         d, m)
    interval = bootstrap_interval(alpha_for, d, n_resamples=n_resamples, seed=seed)
    method = interval.method.replace("over units", "over documents")
    result = estimate(U_ALPHA, value, interval.low, interval.high, d, m, method,
                      interval.undefined)
    # Documents are what is resampled here, so say "documents" where the rule says "units".
    return replace(result, method=result.method.replace("too few units", "too few documents"))


def observed_and_expected(documents: Sequence[Continuum], reviewers: Sequence[str]) -> tuple[float, float]:
    """D_o and D_e of |u-alpha (for checking against published worked examples)."""
    m = len(reviewers)
    terms = [_terms(doc, reviewers) for doc in documents]
    total = sum(t.length for t in terms)
    n_units = sum(t.units for t in terms)
    d_o = 2 * sum(t.observed for t in terms) / (m * (m - 1) * total**2)
    spread = (n_units - 1) * sum(t.cubic for t in terms) + _cross_unit_gap(terms).sum()
    d_e = (2 / total) * spread / (m * total * (m * total - 1) - sum(t.squares for t in terms))
    return d_o, d_e


def _terms(doc: Continuum, reviewers: Sequence[str]) -> _Terms:
    segments = {name: _segments(doc.marked.get(name, []), doc.length) for name in reviewers}
    observed = 0.0
    for i, first in enumerate(reviewers):
        for second in reviewers[i + 1:]:
            observed += sum(_distance(g, h) for g in segments[first] for h in segments[second])
    units = np.array([e - b for name in reviewers for b, e, marked in segments[name] if marked],
                     dtype=float)
    gaps = np.array([e - b for name in reviewers for b, e, marked in segments[name] if not marked],
                    dtype=float)
    return _Terms(observed, doc.length, len(units),
                  float(((2 * units**3 - 3 * units**2 + units) / 3).sum()),
                  float((units * (units - 1)).sum()), units, gaps)


def _segments(spans: list[Span], length: int) -> list[tuple[int, int, bool]]:
    """The reviewer's continuum as (begin, end, marked): overlapping quotes are one stretch."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments, position = [], 0
    for start, end in merged:
        if start > position:
            segments.append((position, start, False))
        segments.append((start, end, True))
        position = end
    if position < length:
        segments.append((position, length, False))
    return segments


def _distance(g: tuple[int, int, bool], h: tuple[int, int, bool]) -> float:
    """Krippendorff's squared distance between two reviewers' segments (2004, p. 252)."""
    (gb, ge, g_marked), (hb, he, h_marked) = g, h
    if g_marked and h_marked:
        return float((gb - hb) ** 2 + (ge - he) ** 2) if gb < he and hb < ge else 0.0
    if g_marked and not h_marked:
        return float((ge - gb) ** 2) if hb <= gb and ge <= he else 0.0
    if h_marked and not g_marked:
        return float((he - hb) ** 2) if gb <= hb and he <= ge else 0.0
    return 0.0


def _cross_unit_gap(terms: Sequence[_Terms]) -> np.ndarray:
    """(documents, documents): sum over marked stretches g of document a and gaps h of
    document b with l_h >= l_g of l_g^2 (l_h - l_g + 1).

    Per document b, sum_{l_h >= l} (l_h - l + 1) = S_b(l) - (l - 1) C_b(l), with C_b and S_b
    the count and total length of b's gaps at least l long (suffix sums over sorted gaps), so
    every stretch meets every document's gaps in one search instead of a double loop."""
    d = len(terms)
    lengths = np.concatenate([t.unit_lengths for t in terms]) if d else np.zeros(0)
    owner = np.repeat(np.arange(d), [len(t.unit_lengths) for t in terms])
    cross = np.zeros((d, d))
    if not len(lengths):
        return cross
    for b, t in enumerate(terms):
        gaps = np.sort(t.gap_lengths)
        if not len(gaps):
            continue
        suffix = np.concatenate([np.cumsum(gaps[::-1])[::-1], [0.0]])
        first = np.searchsorted(gaps, lengths, side="left")  # first gap at least l long
        count = len(gaps) - first
        fits = suffix[first] - (lengths - 1) * count
        cross[:, b] = np.bincount(owner, weights=lengths**2 * fits, minlength=d)
    return cross
