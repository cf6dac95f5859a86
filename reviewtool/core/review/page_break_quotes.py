"""A quote copied from a PDF viewer across a page break: the viewer's copy holds the page's
running footer, page number and the next page's header between the two halves, which the
document's text leaves out. The quote is found when its first words end one page and its
last words start the next, with only a few words (the furniture) between them; or when it
holds whole a word the text has hyphenated across the break ("exclus-" | "ive")."""

from collections.abc import Sequence

MAX_SKIPPED_WORDS = 20  # a footer, a page number and a header
MIN_SIDE_WORDS = 2  # each half must be a real piece of the sentence
_WINDOW = 3000  # characters looked at on each side of a page break


def across_page_break(text: str, quote: str,
                      page_starts: Sequence[int]) -> list[tuple[int, int]]:
    """Spans of text matching the quote's two halves around a page break."""
    words = quote.split()
    found: list[tuple[int, int]] = []
    for start in page_starts[1:]:
        before_text = text[max(0, start - _WINDOW):start]
        after_text = text[start:start + _WINDOW]
        before, after = before_text.split(), after_text.split()
        split = _split_word(words, before, after)
        if split is not None:  # "exclus-" | "ive rights" copied as "exclusive rights"
            first = _start_of_last_words(before_text, split + 1) + max(0, start - _WINDOW)
            found.append((first, start + _end_of_first_words(after_text, len(words) - split)))
            continue
        head = _longest_head(words, before)
        tail = _longest_tail(words, after)
        if (head >= MIN_SIDE_WORDS and tail >= MIN_SIDE_WORDS
                and 0 <= len(words) - head - tail <= MAX_SKIPPED_WORDS):
            first = _start_of_last_words(before_text, head) + max(0, start - _WINDOW)
            last = start + _end_of_first_words(after_text, tail)
            found.append((first, last))
    return found


def _split_word(words: list[str], before: list[str], after: list[str]) -> int | None:
    """Where the quote holds, whole, a word hyphenated across the break (its index)."""
    if not (before and after and before[-1].endswith("-") and after[0][:1].islower()):
        return None
    joined = before[-1][:-1] + after[0]
    for index, word in enumerate(words):
        if (word == joined and words[:index] == before[len(before) - 1 - index:-1]
                and words[index + 1:] == after[1:len(words) - index]):
            return index
    return None


def _longest_head(words: list[str], before: list[str]) -> int:
    """How many of the quote's first words end the text before the break."""
    for count in range(min(len(words) - 1, len(before)), 0, -1):
        if words[:count] == before[-count:]:
            return count
    return 0


def _longest_tail(words: list[str], after: list[str]) -> int:
    for count in range(min(len(words) - 1, len(after)), 0, -1):
        if words[-count:] == after[:count]:
            return count
    return 0


def _start_of_last_words(text: str, count: int) -> int:
    stripped = text.rstrip()
    # walk back over `count` whitespace-separated words
    index = len(stripped)
    for _ in range(count):
        index = len(stripped[:index].rstrip())
        while index > 0 and not stripped[index - 1].isspace():
            index -= 1
    return index


def _end_of_first_words(text: str, count: int) -> int:
    index = len(text) - len(text.lstrip())
    for _ in range(count):
        while index < len(text) and text[index].isspace():
            index += 1
        while index < len(text) and not text[index].isspace():
            index += 1
    return index
