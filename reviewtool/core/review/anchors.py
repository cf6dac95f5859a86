"""Quotes: W3C Web Annotation selectors into a document's normalized text.

An anchor holds a TextPositionSelector (start, end), a TextQuoteSelector (exact, prefix,
suffix) and, for PDFs, the 1-based page. When a document's text changes, `reanchor` finds
the passage again: by position, then by exact quote (nearest the old position), then by a
fuzzy match scored on quote, prefix, suffix and distance. What falls below the threshold is
marked orphaned for a human to place, never dropped.
"""

import re
from dataclasses import dataclass, replace

from reviewtool.core.errors import InvalidInput
from reviewtool.core.wording import counted
from reviewtool.core.normalize import page_of

CONTEXT_CHARS = 32
# A fuzzy match is accepted at or above this combined score (0-100); the quote itself must
# also score at least QUOTE_THRESHOLD, so good context alone cannot carry a wrong passage.
ACCEPT_THRESHOLD = 80.0
QUOTE_THRESHOLD = 85.0
SEED_THRESHOLD = 70.0  # where to look at all: a same-length window this similar


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    page: int | None = None
    orphaned: bool = False

    def as_json(self) -> dict:
        return {"start": self.start, "end": self.end, "exact": self.exact, "prefix": self.prefix,
                "suffix": self.suffix, "page": self.page, "orphaned": self.orphaned}

    @classmethod
    def from_json(cls, data: dict) -> "Anchor":
        return cls(int(data["start"]), int(data["end"]), data["exact"], data.get("prefix", ""),
                   data.get("suffix", ""), data.get("page"), bool(data.get("orphaned", False)))

    def selectors(self) -> list[dict]:
        """The anchor as W3C Web Annotation selectors."""
        selectors = [
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix,
             "suffix": self.suffix},
        ]
        if self.page is not None:
            selectors.append({"type": "FragmentSelector", "conformsTo":
                              "http://tools.ietf.org/rfc/rfc3778", "value": f"page={self.page}"})
        return selectors


def anchor_at(text: str, start: int, end: int,
              page_starts: tuple[int, ...] | None = None) -> Anchor:
    """The anchor of text[start:end]."""
    if not 0 <= start < end <= len(text):
        raise InvalidInput(f"The passage {start}–{end} is outside the document "
                           f"(0–{len(text)}) or empty; select some text.")
    return Anchor(start, end, text[start:end], text[max(0, start - CONTEXT_CHARS):start],
                  text[end:end + CONTEXT_CHARS], page_of(start, page_starts))


def quote_pattern(quote: str) -> re.Pattern[str]:
    """The quote as typed or pasted: any run of whitespace matches any run of whitespace."""
    words = quote.split()
    if not words:
        raise InvalidInput("The quote is empty; copy the passage from the document.")
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def find_quote(text: str, quote: str, occurrence: int | None = None,
               page_starts: tuple[int, ...] | None = None) -> tuple[int, int]:
    """Where a quote occurs; ambiguous quotes need `occurrence` (1-based). With the pages of
    a PDF, a quote copied across a page break with its running heads is found too."""
    from reviewtool.core.normalize import normalize_text

    matches = [m.span() for m in quote_pattern(normalize_text(quote)).finditer(text)]
    if not text:
        raise InvalidInput("the document is a reference without its full text; give it its "
                           "file with 'reviewtool attach' first")
    if not matches and page_starts:
        from reviewtool.core.review.page_break_quotes import across_page_break

        matches = across_page_break(text, normalize_text(quote), page_starts)
    if not matches:
        raise InvalidInput("quote not found in the document")
    if occurrence is None:
        if len(matches) > 1:
            raise InvalidInput(f"quote occurs {len(matches)} times in the document; "
                               "say which with 'occurrence' (1 = first)")
        return matches[0]
    if not 1 <= occurrence <= len(matches):
        raise InvalidInput(f"occurrence {occurrence} asked for, but the quote occurs "
                           f"{counted(len(matches), 'time')}")
    return matches[occurrence - 1]


def reanchor(anchor: Anchor, text: str, page_starts: tuple[int, ...] | None = None) -> Anchor:
    """The anchor moved into a changed text, or the old anchor marked orphaned."""
    if anchor.exact and text[anchor.start:anchor.end] == anchor.exact:
        return anchor_at(text, anchor.start, anchor.end, page_starts)
    exact = _nearest_exact(anchor, text)
    if exact is not None:
        return anchor_at(text, exact, exact + len(anchor.exact), page_starts)
    fuzzy = _best_fuzzy(anchor, text)
    if fuzzy is not None:
        return anchor_at(text, fuzzy[0], fuzzy[1], page_starts)
    return replace(anchor, orphaned=True)


def _nearest_exact(anchor: Anchor, text: str) -> int | None:
    if not anchor.exact:
        return None
    starts = []
    position = text.find(anchor.exact)
    while position != -1:
        starts.append(position)
        position = text.find(anchor.exact, position + 1)
    if not starts:
        return None

    def context_fit(start: int) -> int:
        end = start + len(anchor.exact)
        before = text[max(0, start - CONTEXT_CHARS):start]
        after = text[end:end + CONTEXT_CHARS]
        return (_common_suffix(before, anchor.prefix) + _common_prefix(after, anchor.suffix))

    # Best surrounding context first, then nearest to where it was.
    return min(starts, key=lambda s: (-context_fit(s), abs(s - anchor.start)))


def _best_fuzzy(anchor: Anchor, text: str) -> tuple[int, int] | None:
    from rapidfuzz import fuzz

    if len(anchor.exact) < 8 or not text:
        return None  # too short to place by similarity without guessing
    best: tuple[float, int, int] | None = None
    windows = [(0, len(text))]
    span = len(anchor.exact)
    near = (max(0, anchor.start - 4 * span - 500), min(len(text), anchor.end + 4 * span + 500))
    if near != windows[0]:
        windows.insert(0, near)
    for low, high in windows:
        found = fuzz.partial_ratio_alignment(anchor.exact, text[low:high], score_cutoff=SEED_THRESHOLD)
        if found is None:
            continue
        start, end, quote_score = _refine(anchor.exact, text, low + found.dest_start,
                                          low + found.dest_end)
        prefix_score = _context_score(anchor.prefix, text[max(0, start - CONTEXT_CHARS):start])
        suffix_score = _context_score(anchor.suffix, text[end:end + CONTEXT_CHARS])
        distance = abs(start - anchor.start) / max(len(text), 1)
        score = 0.7 * quote_score + 0.15 * prefix_score + 0.15 * suffix_score - 5 * distance
        if quote_score >= QUOTE_THRESHOLD and (best is None or score > best[0]):
            best = (score, start, end)
    if best is None or best[0] < ACCEPT_THRESHOLD:
        return None
    return best[1], best[2]


def _refine(quote: str, text: str, start: int, end: int) -> tuple[int, int, float]:
    """Widen or narrow a same-length alignment to the word-bounded span most like the quote."""
    from rapidfuzz import fuzz

    slack = min(40, max(4, len(quote) // 4))
    starts = [s for s in range(max(0, start - slack), min(len(text) - 1, start + slack) + 1)
              if s == start or (not text[s].isspace() and (s == 0 or not text[s - 1].isalnum()))]
    ends = [e for e in range(max(1, end - slack), min(len(text), end + slack) + 1)
            if e == end or (not text[e - 1].isspace()
                            and (e == len(text) or not text[e].isalnum() or not text[e - 1].isalnum()))]
    best = (fuzz.ratio(quote, text[start:end]), start, end)
    for s in starts:
        for e in ends:
            if e > s:
                score = fuzz.ratio(quote, text[s:e], score_cutoff=best[0])
                if score > best[0]:
                    best = (score, s, e)
    return best[1], best[2], best[0]


def _context_score(expected: str, found: str) -> float:
    from rapidfuzz import fuzz

    if not expected:
        return 100.0 if not found else 50.0
    return fuzz.ratio(expected, found)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b):
        if x != y:
            break
        count += 1
    return count


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
