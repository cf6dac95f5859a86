"""What this copy of reviewtool is: its version, when its desktop bundle was built, and the
components it runs on with their licences (shown by Help → About and `--version`).

A desktop bundle carries `build.json` and `components.json` with the licence texts in
reviewtool/_data/bundle (written by packaging/bundle_info.py when it is built); an installed
package reads the same facts from the installed distributions' metadata.
"""

import datetime as dt
import importlib.metadata as metadata
import json
import platform
import re
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from reviewtool import __version__
from reviewtool.resources import data_dir

# Licence texts in licenses/ for components whose wheels carry none (PySide6 and shiboken6
# name the LGPL-3.0 but include no text; the LGPL-3.0 is a set of additions to the GPL-3.0).
SHIPPED_TEXTS = {"LGPL-3.0": "LGPL-3.0.txt", "GPL-3.0": "GPL-3.0.txt"}
_LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    texts: tuple[str, ...] = ()  # licence files, relative to the bundle's licences folder


def bundle_folder() -> Path | None:
    """The folder of build facts in a desktop bundle, None when running from an install."""
    try:
        folder = data_dir("bundle")
    except FileNotFoundError:
        return None
    return folder if (folder / "build.json").is_file() else None


def build() -> dict | None:
    """{"version", "date", "commit", "python", "platform"} of a desktop bundle, else None."""
    folder = bundle_folder()
    return json.loads((folder / "build.json").read_text(encoding="utf-8")) if folder else None


def version_line() -> str:
    facts = build()
    built = f" (desktop bundle built {facts['date']})" if facts else ""
    return f"reviewtool {__version__}{built}"


def components() -> list[Component]:
    """The bundle's components, or the installed ones when running from an install."""
    folder = bundle_folder()
    if folder is None:
        return installed_components()
    listed = json.loads((folder / "components.json").read_text(encoding="utf-8"))
    return [Component(c["name"], c["version"], c["licence"], tuple(c["texts"])) for c in listed]


def licence_text(component: Component) -> str:
    """The licence texts of a component, one after the other."""
    folder = bundle_folder()
    parts = []
    for text in component.texts:
        path = (folder / "licenses" / text) if folder else Path(text)
        parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n\n".join(parts)


def installed_components(root: str = "reviewtool") -> list[Component]:
    """Python and every distribution `root` needs at run time, found through its
    requirements (extras, such as the test tools, are left out)."""
    found: dict[str, metadata.Distribution] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform or Python version
        key = _canonical(dist.metadata["Name"])
        if key in found:
            continue
        found[key] = dist
        for requirement in dist.requires or ():
            if "extra ==" not in requirement:
                pending.append(_NAME.match(requirement).group(1))
    found.pop(_canonical(root), None)
    stdlib = Path(sys.base_prefix, "lib", f"python{sys.version_info[0]}.{sys.version_info[1]}")
    python = Component("Python", platform.python_version(), "PSF-2.0",
                       (str(stdlib / "LICENSE.txt"), str(Path(sys.base_prefix, "LICENSE.txt"))))
    listed = [python] + [_component(dist) for _, dist in sorted(found.items())]
    return [replace(c, texts=tuple(t for t in c.texts if Path(t).is_file())) for c in listed]


def _component(dist: metadata.Distribution) -> Component:
    meta = dist.metadata
    licence = meta.get("License-Expression") or _short(meta.get("License")) or _classifier(meta)
    texts = tuple(str(dist.locate_file(f)) for f in dist.files or () if _is_licence(str(f)))
    if not texts:  # "GPL-3.0" is part of "LGPL-3.0": an LGPL component gets both texts
        texts = tuple(str(_shipped(file)) for name, file in SHIPPED_TEXTS.items()
                      if name in licence)
    return Component(meta["Name"], dist.version, licence or "see its licence text", texts)


def _is_licence(path: str) -> bool:
    """A licence file: named so, or in a wheel's .dist-info/licenses folder (PEP 639)."""
    if path.endswith((".py", ".pyc")):
        return False
    return bool(_LICENCE_FILE.search(Path(path).name)) or ".dist-info/licenses/" in path


def _shipped(file: str) -> Path:
    return data_dir("licenses") / file


def _short(text: str | None) -> str:
    first = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return first if len(first) <= 60 else ""


def _classifier(meta) -> str:
    for classifier in meta.get_all("Classifier") or ():
        if classifier.startswith("License :: OSI Approved :: "):
            return classifier.rsplit(" :: ", 1)[1]
    return ""


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def as_json(listed: list[Component]) -> list[dict]:
    return [asdict(c) for c in listed]


def today() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
