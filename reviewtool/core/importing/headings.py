"""Where a document's headings are in its text, for importers whose library gives the
headings apart from the text (Word styles, HTML <h1>–<h6>): each heading is the next whole
line of the text that reads the same."""

from reviewtool.core.normalize import normalize_text


def heading_spans(text: str, headings: list[str]) -> tuple[tuple[int, int], ...]:
    wanted = [" ".join(normalize_text(heading).split()) for heading in headings]
    wanted = [heading for heading in wanted if heading]
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if wanted and line == wanted[0]:
            spans.append((offset, offset + len(line)))
            wanted.pop(0)
        elif wanted and line in wanted:  # a heading the text left out is skipped
            del wanted[:wanted.index(line) + 1]
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return tuple(spans)
