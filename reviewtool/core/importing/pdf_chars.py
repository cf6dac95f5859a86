"""The characters of a PDF page as PDFium sees them: text, box and font size.

Every character keeps its index in PDFium's text page, so text built from these characters
can be mapped back to boxes on the page (the page view draws highlights with them).
"""

import ctypes
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Char:
    index: int  # in PDFium's text page
    text: str
    left: float  # PDF points, origin at the bottom left of the page
    bottom: float
    right: float
    top: float
    size: float
    generated: bool  # a space or line break PDFium inferred; it has no box


@dataclass(frozen=True)
class PageChars:
    width: float
    height: float
    chars: list[Char]


def read_page_chars(textpage, width: float, height: float) -> PageChars:
    """All characters of an open pypdfium2 text page, in PDFium's order."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    get_box, get_size = pdfium_c.FPDFText_GetCharBox, pdfium_c.FPDFText_GetFontSize
    is_generated, get_unicode = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetUnicode
    refs = ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top)
    chars: list[Char] = []
    index = 0
    while index < count:
        code = get_unicode(raw, index)
        step = 1
        if 0xD800 <= code < 0xDC00 and index + 1 < count:  # a surrogate pair: two text-page chars
            code = 0x10000 + ((code - 0xD800) << 10) + (get_unicode(raw, index + 1) - 0xDC00)
            step = 2
        get_box(raw, index, *refs)
        box = left.value, bottom.value, right.value, top.value
        text = chr(code) if 0 <= code <= 0x10FFFF else "\ufffd"
        chars.append(Char(index, text, *box, get_size(raw, index),
                          is_generated(raw, index) == 1))
        index += step
    return PageChars(width, height, chars)
