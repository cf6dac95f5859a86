"""Web pages: the article is kept, the page furniture around it is not."""

from pathlib import Path

import pytest

from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing import extract_file

ARTICLE = [
    "Kratom is a tropical tree native to Southeast Asia whose leaves have been used for "
    "centuries as a traditional remedy for pain, fatigue and low mood among farm workers.",
    "Several small surveys suggest that low doses act as a stimulant while higher doses are "
    "sedating, which makes the effect on sleep hard to predict for any single user.",
    "Researchers caution that none of these surveys were controlled trials, and that "
    "self-reported sleep quality is an unreliable measure when people use other substances.",
    "People in recovery from opioid use disorder often report insomnia during withdrawal, and "
    "some turn to kratom in the hope that it will help them sleep through the worst nights.",
    "Clinicians recommend discussing any such use with a doctor, because kratom can interact "
    "with other medicines and its potency varies widely between products sold online.",
]
# Words that only occur in the page furniture; none may reach the document text.
BOILERPLATE = ["Navhome", "Shopmenu", "Cookiebanner", "Acceptall", "Sidebarstory", "Copyrightline",
               "Privacypolicy", "Trackingscript"]  # fmt: skip


def page(head: str = "", *, paragraphs=ARTICLE) -> str:
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{head}
<script>var tracking = "Trackingscript";</script><style>p {{ color: black }}</style></head>
<body>
<header><nav><ul><li><a href="/">Navhome</a></li><li><a href="/shop">Shopmenu</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent">Cookiebanner: we use cookies. <button>Acceptall</button></div>
<main><article>
<h1>Kratom and sleep</h1>
{body}
<h2>What to remember</h2>
<ul><li>Low doses may keep people awake at night.</li><li>High doses may cause drowsiness.</li></ul>
</article>
<aside class="sidebar"><h3>Related</h3><ul><li><a href="/a">Sidebarstory one</a></li>
<li><a href="/b">Sidebarstory two</a></li></ul></aside></main>
<footer><p>Copyrightline 2024 Health Site.</p><a href="/privacy">Privacypolicy</a></footer>
</body></html>"""


def import_html(tmp_path: Path, markup: str | bytes, name: str = "saved page.html"):
    path = tmp_path / name
    path.write_bytes(markup.encode() if isinstance(markup, str) else markup)
    extracted, _ = extract_file(path)
    return extracted


def test_article_is_kept_and_page_furniture_dropped(tmp_path):
    extracted = import_html(tmp_path, page("<title>Health Site | Kratom and sleep</title>"))
    lines = extracted.text.split("\n")
    for paragraph in ARTICLE:
        assert paragraph in lines  # each paragraph whole, on its own line
    for word in BOILERPLATE:
        assert word not in extracted.text
    assert extracted.media_type == "text/html"


def test_headings_and_list_items_are_their_own_lines(tmp_path):
    lines = import_html(tmp_path, page()).text.split("\n")
    assert "What to remember" in lines
    assert any(line.endswith("Low doses may keep people awake at night.") for line in lines)
    assert any(line.endswith("High doses may cause drowsiness.") for line in lines)


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ('<title>Health Site | Page</title><meta property="og:title" content="Kratom: a review">',
         "Kratom: a review"),
        ("<title>Health Site | Kratom and sleep page</title>", "Kratom and sleep"),  # the <h1>
    ],
)  # fmt: skip
def test_title_is_the_articles_own_not_the_site_name(tmp_path, head, title):
    assert import_html(tmp_path, page(head)).title == title


def test_title_falls_back_to_the_title_element_then_the_file_name(tmp_path):
    without_h1 = page("<title>Only the title</title>").replace("<h1>Kratom and sleep</h1>", "")
    assert import_html(tmp_path, without_h1, "a.html").title == "Only the title"
    bare = page().replace("<h1>Kratom and sleep</h1>", "")
    assert import_html(tmp_path, bare, "my saved page.htm").title == "my saved page"


@pytest.mark.parametrize(
    ("head", "source"),
    [
        ('<link rel="canonical" href="https://example.org/kratom-sleep">'
         '<meta property="og:url" content="https://example.org/other">',
         "https://example.org/kratom-sleep"),
        ('<meta property="og:url" content="https://example.org/og">', "https://example.org/og"),
        ('<link rel="canonical" href="/relative/only">', "saved page.html"),
        ("", "saved page.html"),
    ],
)  # fmt: skip
def test_source_is_the_pages_own_address_else_the_file_name(tmp_path, head, source):
    assert import_html(tmp_path, page(head)).source == source


@pytest.mark.parametrize(
    ("label", "codec", "sentence"),
    [
        # Pages labelled Latin-1 are really Windows-1252, as browsers assume (curly quotes).
        ("iso-8859-1", "cp1252", "Un café “naïve” – résumé: la crème brûlée à l’hôtel."),
        ("ISO-8859-2", "iso8859_2", "Zażółć gęślą jaźń, a badania pokazują, że dawki działają."),
    ],
)
def test_declared_legacy_charset_is_honoured(tmp_path, label, codec, sentence):
    markup = page(paragraphs=[*ARTICLE, sentence]).replace(
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Type" content="text/html; charset={label}">',
    )
    extracted = import_html(tmp_path, markup.encode(codec))
    assert sentence in extracted.text.split("\n")


def test_a_tiny_page_keeps_its_visible_text_without_menus(tmp_path):
    markup = (
        "<html><head><title>Note</title><script>var x = 'Trackingscript';</script></head>"
        "<body><nav>Navhome</nav><p>Kratom tea is bitter.</p>"
        "<footer>Copyrightline</footer></body></html>"
    )
    extracted = import_html(tmp_path, markup)
    assert extracted.text == "Kratom tea is bitter."
    assert extracted.title == "Note"


@pytest.mark.parametrize(
    "markup",
    ["   \n", "<html><body><script>var a = 1;</script><nav>Navhome</nav></body></html>"],
    ids=["blank", "no visible text"],
)
def test_a_page_without_text_is_refused(tmp_path, markup):
    with pytest.raises(ImportRefused, match="no text"):
        import_html(tmp_path, markup)
