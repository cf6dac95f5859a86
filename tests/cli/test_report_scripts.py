"""Every script in the report: Arabic, Hebrew, Chinese, Japanese, Korean, Devanagari, Greek and
Cyrillic claims print (read back from the PDF), and a character no font has is reported."""

import unicodedata

import pytest
from pypdf import PdfReader

from reviewtool.core.review.claims import add_claim
from reviewtool.core.review.documents import import_paths
from reviewtool.core.review.new_review import new_review
from reviewtool.report.scripts import fallbacks

from .runner import run

# (statement, document text whose first sentence is the quote)
CLAIMS = {
    "arabic": ("الكراتوم يسبب الأرق", "يقول المستخدمون إن الكراتوم يسبب الأرق. نص آخر هنا."),
    "hebrew": ("קרטום גורם לנדודי שינה", "משתמשים מדווחים על נדודי שינה. עוד טקסט."),
    "chinese": ("卡痛会引起失眠", "用户报告说卡痛会引起失眠。其他文字。"),
    "japanese": ("クラトムは不眠を引き起こす", "利用者はクラトムで眠れなくなると報告した。別の文。"),
    "korean": ("크라톰은 불면증을 유발한다", "사용자들은 불면증을 보고했다. 다른 문장."),
    "hindi": ("क्रेटम अनिद्रा का कारण बनता है", "उपयोगकर्ताओं ने अनिद्रा की सूचना दी। अन्य पाठ।"),
    "greek": ("Το κράτομ προκαλεί αϋπνία", "Οι χρήστες αναφέρουν αϋπνία. Άλλο κείμενο."),
    "russian": ("Кратом вызывает бессонницу", "Пользователи сообщают о бессоннице. Ещё текст."),
}
NO_FONT = "\U0001d11e"  # MUSICAL SYMBOL G CLEF: in none of the report's fonts


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scripts")
    path = folder / "scripts.review"
    review = new_review(path, title="Kratom in many languages 多语言", question="Does it harm sleep?",
                        reviewer="Amara Okafor")
    try:
        for name, (statement, text) in CLAIMS.items():
            document = folder / f"{name}.txt"
            document.write_text(text, encoding="utf-8")
            [outcome] = import_paths(review, [document])
            end = min(i for i in (text.find("."), text.find("。"), text.find("।")) if i > 0)
            add_claim(review, outcome.document_id, 0, end,
                      {"statement": statement + (f" {NO_FONT}" if name == "greek" else ""),
                       "category": "risk"}, partial=False)
    finally:
        review.close()
    out = folder / "report.pdf"
    result = run("report", path, "-o", out)
    assert result.exit_code == 0, result.output
    return out, result.stderr


def read_back(pdf) -> str:
    """The PDF's text as a reader's copy gives it, Arabic presentation forms folded."""
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_fallback_fonts_are_there():
    assert {"NotoSansArabic", "NotoSansHebrew", "NotoSansDevanagari", "FallbackCJK",
            "FallbackHangul"} <= set(fallbacks())


@pytest.mark.parametrize("name", ["chinese", "japanese", "korean", "greek", "russian"])
def test_left_to_right_scripts_print_as_written(report, name):
    statement, text = CLAIMS[name]
    printed = read_back(report[0])
    assert statement in printed
    assert text.split("。")[0].split(".")[0] in printed  # the quote


@pytest.mark.parametrize("name", ["arabic", "hebrew"])
def test_right_to_left_scripts_print_in_display_order(report, name):
    import arabic_reshaper
    from bidi import get_display

    from reviewtool.report.fonts import SANS
    from reviewtool.report.scripts import runs

    statement, _ = CLAIMS[name]
    # a PDF reader puts the letters back in reading order from their places on the page
    assert statement in read_back(report[0])
    # drawn in display order, as the Unicode bidirectional algorithm (python-bidi) puts them
    drawn = "".join(text for text, _ in runs(statement, SANS))
    assert drawn == get_display(arabic_reshaper.reshape(statement)) != statement


def test_arabic_is_shaped_into_joining_forms(report):
    raw = " ".join(page.extract_text() for page in PdfReader(report[0]).pages)
    assert any("\ufe70" <= char <= "\ufeff" for char in raw)


def test_devanagari_prints_shaped(report):
    printed = read_back(report[0])
    line = next(line for line in printed.split("D5-1")[1:2])
    assert "का कारण बनता है" in line  # letters that need no shaping read back as written
    # "क्रे" and "िद्र" are drawn as shaped glyphs (conjuncts, the vowel sign moved before its
    # consonant): HarfBuzz's glyphs have no character of their own, so they read back as
    # private-use characters instead of the letters in their unshaped order
    assert "\ue000" in line and "अनिद्रा" not in line


def test_a_character_no_font_has_is_reported_not_dropped(report):
    pdf, stderr = report
    assert "U+1D11E" in stderr and "claim D" in stderr
    printed = read_back(pdf)
    assert "Some characters could not be printed" in printed and "[U+1D11E]" in printed


def test_a_title_in_any_script_prints_on_the_title_page_and_every_footer(report):
    pages = [page.extract_text() for page in PdfReader(report[0]).pages]
    assert all("多语言" in page for page in pages)


def test_a_long_right_to_left_passage_reads_from_its_first_line_down():
    from bidi import get_display
    from reportlab.lib.colors import black, grey

    from reviewtool.report.fonts import SERIF, register_fonts
    from reviewtool.report.scripts import shaped
    from reviewtool.report.textblock import Para, Run, break_lines

    register_fonts()
    words = [f"كلمة{number}" for number in "١٢٣٤٥٦٧٨٩"] * 4  # word 1, word 2, … in Arabic digits
    half = len(words) // 2 + 1  # two runs (two styles) that share a line
    lines = break_lines(Para((Run(" ".join(words[:half]) + " ", SERIF, 10, black),
                              Run(" ".join(words[half:]), SERIF, 10, grey))), 150)
    assert any(len(line) > 1 for line in lines)
    assert len(lines) > 2
    first, last = lines[0], lines[-1]
    # each line is drawn right to left: its first word in reading order is its rightmost
    rightmost = max(first, key=lambda piece: piece[0])
    assert get_display(shaped(words[0])) == rightmost[2].split()[-1]
    leftmost = min(last, key=lambda piece: piece[0])
    assert get_display(shaped(words[-1])) == leftmost[2].split()[0]
    # and reading the lines top-down, right to left, gives the passage back
    read = []
    for line in lines:
        for piece in sorted(line, key=lambda piece: -piece[0]):
            read += [get_display(word) for word in reversed(piece[2].split())]
    assert read == [shaped(word) for word in words]
