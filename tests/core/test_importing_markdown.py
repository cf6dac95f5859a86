"""Markdown is read as rendered: headings, paragraphs, lists and emphasis without their marks."""

from reviewtool.core.importing import extract_file

NOTES = """\
---

# Magnesium supplements and insomnia

A trial in **older adults** found that *magnesium* shortened the time to fall
asleep, see [the paper](https://example.org/paper) and `table 2`.

## Harms

- High doses cause diarrhoea.
- Interactions with antibiotics
  are common.

1. First, check kidney function.

> Quoted: "take it with food".

| Dose | Effect |
| ---- | ------ |
| 250 mg | small |

```
code stays as written **here**
```
"""


def extract(tmp_path, text: str, name: str = "notes.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(path)[0]


def test_markdown_marks_are_not_in_the_text(tmp_path):
    extracted = extract(tmp_path, NOTES)
    assert extracted.text.split("\n") == [
        "Magnesium supplements and insomnia",
        "A trial in older adults found that magnesium shortened the time to fall asleep, "
        "see the paper and table 2.",
        "Harms",
        "High doses cause diarrhoea.",
        "Interactions with antibiotics are common.",
        "First, check kidney function.",
        'Quoted: "take it with food".',
        "Dose", "Effect", "250 mg", "small",
        "code stays as written **here**",
    ]
    assert extracted.media_type == "text/markdown"


def test_markdown_headings_are_known_and_the_first_is_the_title(tmp_path):
    extracted = extract(tmp_path, NOTES)
    assert [extracted.text[a:b] for a, b in extracted.headings] == [
        "Magnesium supplements and insomnia", "Harms"]
    assert extracted.title == "Magnesium supplements and insomnia"


def test_a_markdown_file_without_a_heading_is_titled_by_its_first_line_or_name(tmp_path):
    assert extract(tmp_path, "Sleep notes\n\nSome text here.\n").title == "Sleep notes"
    assert extract(tmp_path, "Just one sentence, no title.\n", "loose.md").title == "loose"
