"""Report layouts: page size, margins, sections and columns, from report_assets/layouts/*.toml.

A review lead can add a layout by copying default.toml under a new name; `--layout` also
takes the path of a .toml file.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from reviewtool.core.errors import ReviewError
from reviewtool.resources import data_dir

PAGE_SIZES = ("A4", "Letter")
SECTIONS = ("methods", "summary", "problems", "evidence_map", "agreement", "appendix")
SUMMARY_SECTIONS = ("risk", "benefit", "open_question", "other")
COLUMNS = ("number", "statement", "sources", "consistency", "evidence", "certainty", "agreement")
DEFAULT = "default"


@dataclass(frozen=True)
class Layout:
    name: str
    description: str = ""
    page_size: str = "A4"
    margins_mm: tuple[float, float, float, float] = (22, 20, 22, 20)  # top, right, bottom, left
    font_size: float = 9.5  # body text; tables and notes are set smaller
    title_page: bool = True
    sections: tuple[str, ...] = SECTIONS
    summary_sections: tuple[str, ...] = SUMMARY_SECTIONS
    summary_columns: tuple[str, ...] = COLUMNS
    appendix_fields: tuple[str, ...] | None = None  # claim form field ids; None for all
    appendix_appraisals: bool = True


def layout_names() -> list[str]:
    return sorted(p.stem for p in (data_dir("report_assets") / "layouts").glob("*.toml"))


def load_layout(name: str = DEFAULT) -> Layout:
    """A shipped layout by name, or a layout file by path; unknown names are a ReviewError."""
    path = Path(name)
    if path.suffix != ".toml":
        path = data_dir("report_assets") / "layouts" / f"{name}.toml"
        if not path.is_file():
            raise ReviewError(f"There is no report layout '{name}'; choose one of: "
                              f"{', '.join(layout_names())} (or give a .toml file).")
    elif not path.is_file():
        raise ReviewError(f"The layout file {path} does not exist.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ReviewError(f"The layout file {path} is not valid TOML ({error}).") from None
    return parse_layout(path.stem, data, str(path))


def parse_layout(name: str, data: dict, where: str = "layout") -> Layout:
    def fail(problem: str):
        raise ReviewError(f"{where}: {problem}; see docs/report.md for the layout options.")

    known = set(Layout.__dataclass_fields__) - {"name"}
    unknown = sorted(set(data) - known)
    if unknown:
        fail(f"unknown option {', '.join(unknown)} (the options are {', '.join(sorted(known))})")
    values: dict = {"name": name}
    if "description" in data:
        values["description"] = str(data["description"])
    if "page_size" in data:
        if data["page_size"] not in PAGE_SIZES:
            fail(f"page_size must be one of {', '.join(PAGE_SIZES)}")
        values["page_size"] = data["page_size"]
    if "margins_mm" in data:
        margins = data["margins_mm"]
        sides = ("top", "right", "bottom", "left")
        if (not isinstance(margins, dict) or set(margins) - set(sides)
                or not all(isinstance(v, int | float) and 5 <= v <= 60 for v in margins.values())):
            fail("margins_mm must be a table of top, right, bottom, left in mm, each 5 to 60")
        default = dict(zip(sides, Layout.margins_mm, strict=True))
        values["margins_mm"] = tuple(float(margins.get(s, default[s])) for s in sides)
    if "font_size" in data:
        if not isinstance(data["font_size"], int | float) or not 7 <= data["font_size"] <= 14:
            fail("font_size must be a number of points from 7 to 14")
        values["font_size"] = float(data["font_size"])
    for flag in ("title_page", "appendix_appraisals"):
        if flag in data:
            if not isinstance(data[flag], bool):
                fail(f"{flag} must be true or false")
            values[flag] = data[flag]
    for key, allowed in (("sections", SECTIONS), ("summary_sections", SUMMARY_SECTIONS),
                         ("summary_columns", COLUMNS)):
        if key in data:
            chosen = data[key]
            if not isinstance(chosen, list) or not all(v in allowed for v in chosen):
                fail(f"{key} must be a list drawn from {', '.join(allowed)}")
            values[key] = tuple(chosen)
    if "statement" not in values.get("summary_columns", COLUMNS):
        fail("summary_columns must include statement")
    if "appendix_fields" in data:
        fields = data["appendix_fields"]
        if fields == "all":
            values["appendix_fields"] = None
        elif isinstance(fields, list) and all(isinstance(f, str) for f in fields):
            values["appendix_fields"] = tuple(fields)
        else:
            fail('appendix_fields must be "all" or a list of claim form field ids')
    return Layout(**values)
