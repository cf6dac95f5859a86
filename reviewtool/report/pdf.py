"""The PDF report: a renderer that turns ReportData into bytes (reportlab platypus).

Data first, then drawing: the renderer never reads the review file. Every user string is
escaped (markup.escape) before it becomes Paragraph markup; the long parts (summary cells,
appendix claims, evidence map) are drawn from plain text runs that are never parsed as markup.
"""

import contextlib
import gc
import io
import sys
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph

from reviewtool import __version__
from reviewtool.core.synthesis.report_data import build_report_data
from reviewtool.core.synthesis.report_model import ReportData
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.unsettled import require_settled
from reviewtool.report.agreement_section import agreement
from reviewtool.report.appendix import appendix
from reviewtool.report.evidence_map import evidence_map
from reviewtool.report.evidence_profile import profile_table
from reviewtool.report.export_files import write_atomically
from reviewtool.report.fonts import register_fonts
from reviewtool.report.front_matter import title_block
from reviewtool.report.layouts import Layout, load_layout
from reviewtool.report.markup import escape
from reviewtool.report.methods_section import methods
from reviewtool.report.scripts import unprintable_notes
from reviewtool.report.pages import ReportTemplate, headed, heading, numbered_canvas
from reviewtool.report.styles import Styles, stylesheet
from reviewtool.report.tables import footnotes, legend, summary_table
from reviewtool.report.unresolved_items import problems

UNPRINTABLE = "Some characters could not be printed: no font has them; they appear as [U+code] in "
PAGE_SIZES = {"A4": A4, "Letter": LETTER}
TITLES = {"methods": "Methods", "summary": "Summary of findings", "evidence_map": "Evidence map",
          "agreement": "Agreement between reviewers", "problems": "Unresolved items",
          "appendix": "Appendix: documents and quotes"}


class ReportRenderer:
    """Renders one report; `render()` returns the PDF's bytes."""

    def __init__(self, data: ReportData, layout: Layout):
        self.data = data
        self.layout = layout
        self.pagesize = PAGE_SIZES[layout.page_size]
        self.margins = tuple(m * mm for m in layout.margins_mm)
        top, right, bottom, left = self.margins
        self.width = self.pagesize[0] - left - right
        self.height = self.pagesize[1] - top - bottom
        self.sections = [s for s in layout.sections if s in TITLES]
        self.anchors = self._anchors()

    def render(self) -> bytes:
        serif, sans = self._register_fonts()
        self.styles = self._get_stylesheet(serif, sans)
        buffer = io.BytesIO()
        document = ReportTemplate(
            buffer, pagesize=self.pagesize, margins=self.margins, title=self.data.title,
            author=", ".join(self.data.reviewers), subject=self.data.question,
            creator=f"reviewtool {__version__}", keywords="evidence review", lang="en")
        canvas = numbered_canvas(self.data.title, sans, self.styles.note.fontSize,
                                 self.layout.title_page, self.margins, draft=self.data.draft)
        story = self._get_story()
        with _binary_streams():
            document.build(story, canvasmaker=canvas)
        return buffer.getvalue()

    def _register_fonts(self) -> tuple[str, str]:
        return register_fonts()

    def _get_stylesheet(self, serif: str, sans: str) -> Styles:
        return stylesheet(serif, sans, self.layout.font_size)

    def _anchors(self) -> frozenset[str]:
        """Destinations that this layout puts in the PDF; links go only to these."""
        found = {f"sec-{s}" for s in self.sections}
        if "appendix" in self.sections:
            found |= {entry.document.anchor for entry in self.data.appendix}
            found |= {c.claim.anchor for entry in self.data.appendix for c in entry.claims}
        if "summary" in self.sections:
            found |= {row.anchor for section in self.data.sections
                      if section.key in self.layout.summary_sections for row in section.rows}
        return frozenset(found)

    def _get_story(self) -> list[Flowable]:
        s = self.styles
        numbered = [(str(n), key) for n, key in enumerate(self.sections, start=1)]
        contents = [(f"sec-{key}", f"{n}  {TITLES[key]}") for n, key in numbered]
        story: list[Flowable] = title_block(self.data, s, self.width,
                                                  self.layout.title_page, contents)
        self.unprintable = unprintable_notes(self.data, s.sans)
        if self.unprintable:
            story.append(Paragraph(escape(UNPRINTABLE + "; ".join(self.unprintable) + "."),
                                   s.small))
        if self.layout.title_page:
            story.append(PageBreak())
        unsettled = not self.data.problems.empty
        for index, (number, key) in enumerate(numbered):
            body = getattr(self, f"_{key}")(number)
            if index and unsettled and key == "problems":
                story.append(PageBreak())  # unsettled items get a page of their own
            elif index and unsettled and numbered[index - 1][1] == "problems":
                story.append(PageBreak())
            elif index:
                # Main parts start on a fresh page unless most of this one is still free.
                share = 0.5 if key in ("summary", "appendix") else 0.25
                story.append(CondPageBreak(self.height * share))
            title = f"{number}&nbsp;&nbsp;{TITLES[key]}"
            # A heading stays with what it introduces (the map: intro, key and first piece).
            keep = 4 if key == "evidence_map" else 1
            story.append(KeepTogether([heading(title, s.h1, f"sec-{key}", 0,
                                               f"{number}  {TITLES[key]}")] + body[:keep]))
            story.extend(body[keep:])
        return story

    def _methods(self, number: str) -> list[Flowable]:
        return methods(self.data, self.styles, self.width, self.anchors,
                             self.layout.summary_columns)

    def _summary(self, number: str) -> list[Flowable]:
        s = self.styles
        shown = [sec for sec in self.data.sections if sec.key in self.layout.summary_sections]
        counts = "; ".join(f"{sec.title.lower()}: {len(sec.rows)}" for sec in shown)
        links = ""
        if "sources" in self.layout.summary_columns and "appendix" in self.sections:
            links = " Each reference in the Sources column leads to the quoted passage in the " \
                    "appendix."
        story: list[Flowable] = [Paragraph(
            f"One row per finding (claims from one or more documents saying the same thing) "
            f"or single claim not grouped under a finding. Rows: {counts}.{links}", s.body),
            legend(s, list(self.data.certainty_scale), self.width,
                   self.layout.summary_columns)]
        columns = self.layout.summary_columns
        for sub, section in enumerate(shown, start=1):
            title = f"{number}.{sub}&nbsp;&nbsp;{escape(section.title)}"
            story.extend(headed(heading(title, s.h2, f"sec-summary-{section.key}", 1,
                                        f"{number}.{sub}  {section.title}"), 45 * mm))
            if section.rows:
                story.append(summary_table(section, s, columns, self.width,
                                           len(self.data.certainty_scale), self.anchors))
                if "certainty" in columns:
                    story.extend(footnotes(section, s))
            else:
                story.append(Paragraph(f"No {section.title.lower()} were recorded.", s.body))
        profile = self.data.profile
        if "certainty" in columns and profile is not None and profile.rows:
            sub = len(shown) + 1
            title = f"{number}.{sub}&nbsp;&nbsp;Certainty assessment"
            story.extend(headed(heading(title, s.h2, "sec-summary-profile", 1,
                                        f"{number}.{sub}  Certainty assessment"), 45 * mm))
            story.extend(profile_table(profile, s, self.width, self.anchors))
        return story

    def _evidence_map(self, number: str) -> list[Flowable]:
        s = self.styles
        where = ("listed in Methods" if "methods" in self.sections else
                 "described in the appendix" if "appendix" in self.sections else "by title")
        intro = Paragraph(
            f"Each row is a finding (numbered as in the summary tables) and each column a "
            f"document ({where}); a cell shows the document's position on the finding, "
            f"from the stances of its claims.", s.body)
        story = [intro] + evidence_map(self.data.evidence_map, s, self.width, self.height,
                                       tuple(self.layout.summary_sections))
        if self.data.evidence_map.rows and len(self.data.documents) <= 30:
            key = "; ".join(f"<b>{escape(d.ref)}</b> {escape(d.label or d.title)}"
                            for d in self.data.documents)
            story.append(Paragraph(f"Documents: {key}.", s.caption))
        return story

    def _agreement(self, number: str) -> list[Flowable]:
        return agreement(self.data.agreement, self.styles, self.width)

    def _problems(self, number: str) -> list[Flowable]:
        return problems(self.data.problems, self.styles, self.width, self.anchors)

    def _appendix(self, number: str) -> list[Flowable]:
        return appendix(self.data.appendix, self.styles, self.width, self.height, self.layout,
                        self.anchors, number)


@contextlib.contextmanager
def _binary_streams():
    """Compressed streams without the ASCII85 layer (smaller and faster to write), and no
    garbage collection while building: a long report makes millions of short-lived objects
    and the collector would scan the whole report data again and again."""
    saved = rl_config.useA85
    collecting = gc.isenabled()
    rl_config.useA85 = 0
    gc.disable()
    try:
        yield
    finally:
        rl_config.useA85 = saved
        if collecting:
            gc.enable()


def render_pdf(data: ReportData, layout: Layout | None = None) -> bytes:
    return ReportRenderer(data, layout or load_layout()).render()


def write_report(review: ReviewFile, output: Path, layout_name: str = "default", *,
                 final: bool = False) -> int:
    """Build the data, render and write the PDF atomically; returns its size in bytes.

    `final` refuses (InvalidInput naming them) while anything is unsettled."""
    layout = load_layout(layout_name)  # an unknown layout fails before any work
    data = build_report_data(review)
    if final:
        require_settled(data.unsettled)
    renderer = ReportRenderer(data, layout)
    pdf = renderer.render()
    write_atomically(output, pdf)
    for note in renderer.unprintable:
        print(f"warning: characters no font can print, in {note}", file=sys.stderr)
    return len(pdf)
