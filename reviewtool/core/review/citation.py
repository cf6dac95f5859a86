"""How a document is cited: an APA-like reference and a short in-text label.

Reference (after the APA 7th edition reference-list pattern, simplified):
    Authors (Year). Title. Container. https://doi.org/DOI or URL (accessed YYYY-MM-DD)
Authors written "Family, Given" are shortened to "Family, G."; other names (organisations,
names as a site prints them) are kept as written. Up to 20 authors are listed, joined with
", " and "& " before the last; beyond 20, the first 19, "...", then the last (APA 7, 9.8).
No authors: the title takes their place. No date: "(n.d.)". The accessed date is given for
sources cited by URL, since a web page can change after it was read.

In-text label: "Okafor (2021)", "Okafor & Lindqvist (2021)", "Okafor et al. (2021)", or the
title's first words when there are no authors.
"""

import re
from collections.abc import Sequence

MAX_LISTED_AUTHORS = 20
_SHORT_TITLE_WORDS = 6


def initials(given: str) -> str:
    """'Amara Ngozi' -> 'A. N.'; 'Jean-Luc' -> 'J.-L.'; already abbreviated stays."""
    parts = []
    for word in given.split():
        pieces = [p for p in word.split("-") if p]
        parts.append("-".join(p[0].upper() + "." for p in pieces if p[0].isalpha()))
    return " ".join(p for p in parts if p)


def short_name(name: str) -> str:
    """The name as the reference list writes it."""
    family, comma, given = name.partition(",")
    if not comma or not given.strip():
        return name.strip()
    abbreviated = initials(given)
    return f"{family.strip()}, {abbreviated}" if abbreviated else family.strip()


def family_name(name: str) -> str:
    family, comma, _ = name.partition(",")
    return family.strip() if comma else name.strip()


def author_list(authors: Sequence[str]) -> str:
    names = [short_name(a) for a in authors if a.strip()]
    if len(names) > MAX_LISTED_AUTHORS:
        return ", ".join(names[:MAX_LISTED_AUTHORS - 1]) + ", ... " + names[-1]
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}, & {names[1]}" if "," in names[0] else f"{names[0]} & {names[1]}"
    return ", ".join(names[:-1]) + ", & " + names[-1]


def year(published: str) -> str:
    return published[:4] if re.match(r"^\d{4}", published or "") else ""


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def reference(metadata: dict) -> str:
    """The reference-list entry for a document's metadata (as Document.metadata() gives it)."""
    authors = author_list(metadata.get("authors") or ())
    title = _sentence(metadata.get("title") or "")
    when = f"({year(metadata.get('published') or '') or 'n.d.'})."
    if authors:
        head = f"{_sentence(authors) if not authors.endswith('.') else authors} {when} {title}"
    else:
        head = f"{title} {when}"
    parts = [head.strip()]
    container = (metadata.get("container") or "").strip()
    if container and container.casefold() != (metadata.get("title") or "").strip().casefold():
        parts.append(_sentence(container))
    doi, url = metadata.get("doi") or "", metadata.get("url") or ""
    if doi:
        parts.append(f"https://doi.org/{doi}")
    elif url:
        accessed = metadata.get("accessed") or ""
        parts.append(f"{url} (accessed {accessed})" if accessed else url)
    return " ".join(parts)


def in_text(metadata: dict) -> str:
    """The short label a table cell or a legend uses: 'Okafor et al. (2021)'."""
    families = [family_name(a) for a in metadata.get("authors") or () if a.strip()]
    if not families:
        words = (metadata.get("title") or "").split()
        who = " ".join(words[:_SHORT_TITLE_WORDS]) + (" …" if len(words) > _SHORT_TITLE_WORDS else "")
    elif len(families) == 1:
        who = families[0]
    elif len(families) == 2:
        who = f"{families[0]} & {families[1]}"
    else:
        who = f"{families[0]} et al."
    return f"{who} ({year(metadata.get('published') or '') or 'n.d.'})"


def has_citation_data(metadata: dict) -> bool:
    """Whether there is more to cite than a title: otherwise tables keep the bare title."""
    return any(metadata.get(field) for field in ("authors", "published", "container", "url", "doi"))
