"""Full-text search over documents and claims (SQLite FTS5; case and accents ignored).

Users type words, not FTS5 syntax: every word must occur, and matches words that start with
it ("sleep" finds sleep, sleeping, sleepiness); "double quotes" match an exact phrase.
Chinese, Japanese and Korean are written without spaces, so the index holds each of their
characters as a word and a CJK word is looked for as the phrase of its characters
(歩行者 finds 歩 行 者 in a row).
"""

import re
import unicodedata
from dataclasses import dataclass

from reviewtool.core.errors import InvalidInput
from reviewtool.core.normalize import is_cjk, spaced_cjk
from reviewtool.core.store.reviewfile import ReviewFile

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(" ")


@dataclass(frozen=True)
class Hit:
    kind: str  # "document" or "claim"
    id: str
    document_id: str
    title: str
    snippet: str

    def as_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "document_id": self.document_id,
                "title": self.title, "snippet": self.snippet}


def fts_query(text: str) -> str:
    """Translate what a user typed into a safe FTS5 MATCH expression."""
    terms = []
    for phrase, word in _TOKEN.findall(text):
        if phrase:
            words = _WORD.findall(spaced_cjk(phrase))
            if words:
                terms.append('"' + " ".join(words) + '"')
            continue
        for part in _WORD.findall(word):
            if any(map(is_cjk, part)):
                terms.append('"' + " ".join(_WORD.findall(spaced_cjk(part))) + '"')
            else:
                terms.append(f'"{part}"*')
    if not terms:
        raise InvalidInput("The search has no words to look for; type one or more words.")
    return " ".join(terms)


def search(review: ReviewFile, query: str, *, limit: int = 100) -> list[Hit]:
    match = fts_query(query)
    hits = [Hit("document", row[0], row[0], row[1], _one_line(row[2])) for row in review.conn.execute(
        """SELECT d.document_id, d.title, snippet(documents_fts, 1, '[', ']', '…', 16)
           FROM documents_fts JOIN documents d ON d.rid = documents_fts.rowid
           WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?""", (match, limit))]
    hits += [Hit("claim", row[0], row[1], row[2], _one_line(row[3])) for row in review.conn.execute(
        """SELECT c.claim_id, c.document_id, d.title,
                  snippet(claims_fts, -1, '[', ']', '…', 16)
           FROM claims_fts JOIN claims c ON c.rid = claims_fts.rowid
           JOIN documents d ON d.document_id = c.document_id
           WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?""", (match, limit))]
    if not any(hit.kind == "document" for hit in hits):
        hits[:0] = _cjk_in_old_index(review, query, limit)
    return hits


def _cjk_in_old_index(review: ReviewFile, query: str, limit: int) -> list[Hit]:
    """Documents indexed before CJK characters were indexed one by one hold a CJK passage as
    one long word; a query made only of CJK words finds them by looking in the text itself."""
    words = query.replace('"', " ").split()
    if not words or not all(all(map(is_cjk, word)) for word in words):
        return []
    condition = " AND ".join("instr(t.text, ?) > 0" for _ in words)
    rows = review.conn.execute(
        f"""SELECT d.document_id, d.title, t.text FROM documents d
            JOIN contents t ON t.sha256 = d.sha256 WHERE {condition}
            ORDER BY d.title LIMIT ?""", (*words, limit)).fetchall()
    hits = []
    for document_id, title, text in rows:
        at = text.index(words[0])
        snippet = (("…" if at > 16 else "") + text[max(0, at - 16):at] + f"[{words[0]}]"
                   + text[at + len(words[0]):at + len(words[0]) + 16] + "…")
        hits.append(Hit("document", document_id, document_id, title, " ".join(snippet.split())))
    return hits


def _one_line(snippet: str) -> str:
    snippet = " ".join(snippet.split())
    if not any(map(is_cjk, snippet)):
        return snippet
    # The index's spaces between CJK characters go, and the marks around them merge.
    joined = _SPACE.sub(lambda gap: "" if _around_cjk(gap, snippet) else " ", snippet)
    return joined.replace("][", "")


def _around_cjk(gap: re.Match[str], text: str) -> bool:
    before = text[:gap.start()].rstrip("]")[-1:]
    after = text[gap.end():].lstrip("[")[:1]
    return is_cjk(before) and is_cjk(after)


def _fold(text: str) -> str:
    """Lower case without accents, one character for one (offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return "".join(unicodedata.normalize("NFD", ch)[0] for ch in text.casefold())


def find_spans(text: str, query: str, *, phrase: bool = False) -> list[tuple[int, int]]:
    """Where a search's words occur in `text`, as (start, end) offsets in order: the words a
    search for `query` matched in a document, as `search` reads it (each word the start of
    a word, "quoted" phrases as they are, case and accents ignored). With `phrase`, the
    whole of `query` is one literal phrase found anywhere (find in the document)."""
    folded = _fold(text)
    if len(folded) != len(text):  # a character that case-folds to two: compare as typed
        folded = text.lower() if len(text.lower()) == len(text) else text
    if phrase:
        needle = _fold(query.strip())
        if not needle:
            return []
        patterns = [re.escape(needle)]
    else:
        patterns = []
        for quoted, word in _TOKEN.findall(query):
            if quoted:
                words = _WORD.findall(_fold(quoted))
                if words:
                    patterns.append(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b")
                continue
            patterns += [r"\b" + re.escape(part) for part in _WORD.findall(_fold(word))]
    if not patterns:
        return []
    found = re.finditer("|".join(f"(?:{p})" for p in patterns), folded)
    return [(m.start(), m.end()) for m in found if m.end() > m.start()]
