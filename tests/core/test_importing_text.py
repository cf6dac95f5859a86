"""Plain text and Markdown: every common encoding decodes to the same text; binary is refused."""

import codecs
import random
from pathlib import Path

import pytest

from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing import extract_file
from reviewtool.core.normalize import normalize_text

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"

ACCENTED = (
    "Notes from the café – “naïve” résumé of the meeting.\n"
    "The committee’s façade was rather naïve, and the entrée cost €12.\n"
    "We will revisit the rôle of the coöperative next week – “soon”."
)

ENCODINGS = {
    "utf-8": ACCENTED.encode("utf-8"),
    "utf-8 with BOM": codecs.BOM_UTF8 + ACCENTED.encode("utf-8"),
    "utf-16 LE with BOM": codecs.BOM_UTF16_LE + ACCENTED.encode("utf-16-le"),
    "utf-16 BE with BOM": codecs.BOM_UTF16_BE + ACCENTED.encode("utf-16-be"),
    "utf-16 LE without BOM": ACCENTED.encode("utf-16-le"),
    "utf-16 BE without BOM": ACCENTED.encode("utf-16-be"),
    "windows-1252": ACCENTED.encode("cp1252"),
    "windows-1252 with CRLF": ACCENTED.replace("\n", "\r\n").encode("cp1252"),
}


def import_bytes(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return extract_file(path)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_common_encoding_decodes_to_the_same_text(tmp_path, encoding):
    extracted, original = import_bytes(tmp_path, "notes.txt", ENCODINGS[encoding])
    assert extracted.text == ACCENTED
    assert original == ENCODINGS[encoding]


def test_a_short_windows_1252_line_keeps_its_accents_and_curly_quotes(tmp_path):
    extracted, _ = import_bytes(tmp_path, "short.txt", "café – “naïve” résumé".encode("cp1252"))
    assert extracted.text == "café – “naïve” résumé"


def test_a_cyrillic_legacy_encoding_is_not_mistaken_for_windows_1252(tmp_path):
    russian = "Привет! Это документ о кратоме и сне. Исследования показывают, что дозы важны."
    extracted, _ = import_bytes(tmp_path, "ru.txt", russian.encode("cp1251"))
    assert extracted.text == russian


@pytest.mark.parametrize(
    "data",
    [
        random.Random(20240601).randbytes(4096),
        random.Random(7).randbytes(64),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(3).randbytes(600),
    ],
    ids=["random bytes", "a few random bytes", "PNG renamed"],
)
def test_binary_junk_with_a_text_suffix_is_refused(tmp_path, data):
    with pytest.raises(ImportRefused, match="binary or unreadable text"):
        import_bytes(tmp_path, "junk.txt", data)


def test_whitespace_only_text_is_refused_as_empty(tmp_path):
    with pytest.raises(ImportRefused, match="no text"):
        import_bytes(tmp_path, "blank.txt", b" \r\n\t\n  \n")


def test_text_is_normalized(tmp_path):
    messy = "  Line\u00a0one  \r\nLine\ttwo\u00ad\r\n\r\n\r\n\r\nLine three \n"
    extracted, _ = import_bytes(tmp_path, "messy.txt", messy.encode())
    assert extracted.text == "Line one\nLine two\n\nLine three"


def test_markdown_title_is_its_first_heading_and_the_marks_are_gone(tmp_path):
    markdown = "[![build](badge.svg)](ci)\n\n# Kratom and sleep #\n\nSome *emphasis* here.\n"
    extracted, _ = import_bytes(tmp_path, "notes.md", markdown.encode())
    assert extracted.title == "Kratom and sleep"
    assert extracted.text == "build\nKratom and sleep\nSome emphasis here."
    assert extracted.headings == ((6, 22),)
    assert extracted.media_type == "text/markdown"
    assert extracted.source == "notes.md"


def test_a_heading_deep_in_the_text_is_not_the_title(tmp_path):
    body = "".join(f"Paragraph {n} of the notes.\n" for n in range(10)) + "# Appendix\n"
    extracted, _ = import_bytes(tmp_path, "field notes.txt", body.encode())
    assert extracted.title == "field notes"
    assert extracted.media_type == "text/plain"


def test_a_hashtag_is_not_a_heading(tmp_path):
    extracted, _ = import_bytes(tmp_path, "tweet.txt", b"#kratom is trending\nmore text\n")
    assert extracted.title == "tweet"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda path: path.name)
def test_demo_corpus_articles_import(path):
    extracted, original = extract_file(path)
    # Two articles start straight with their text (titled by file name); one with a headline.
    headline = "Kratom and Sleep: Can it Help with Insomnia?"
    assert extracted.title == (headline if path.name.startswith("002") else path.stem)
    assert extracted.source == path.name
    assert extracted.media_type == "text/plain"
    assert extracted.text and normalize_text(extracted.text) == extracted.text
    assert "kratom" in extracted.text.lower()
    assert original == path.read_bytes()


def test_the_demo_corpus_has_its_three_articles():
    assert len(list(CORPUS.glob("*.txt"))) == 3


def test_plain_text_headline_is_the_title(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text("Does kratom cause insomnia?\n\nSome say it does. Others disagree.\n")
    assert extract_file(path)[0].title == "Does kratom cause insomnia?"
    path.write_text("This first line is a sentence.\n\nMore text.\n")
    assert extract_file(path)[0].title == "saved"
