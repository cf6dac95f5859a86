"""What a desktop bundle says about itself: its build, and every component's licence text."""

import importlib.util
import json

from reviewtool.build_info import installed_components, version_line
from tests.builders import ROOT


def bundle_info_script():
    spec = importlib.util.spec_from_file_location("bundle_info", ROOT / "packaging" / "bundle_info.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_components_are_what_reviewtool_runs_on_not_the_test_tools():
    names = {c.name.lower() for c in installed_components()}
    assert {"python", "pyside6_essentials", "shiboken6", "reportlab", "click", "numpy"} <= names
    assert not names & {"pytest", "hypothesis", "statsmodels", "pyinstaller"}


def test_bundle_info_copies_every_licence_text_and_notes_the_build(tmp_path):
    bundle_info_script().write(tmp_path / "bundle")
    build = json.loads((tmp_path / "bundle" / "build.json").read_text())
    assert build["version"] and build["date"].endswith("UTC") and build["python"]
    listed = {c["name"]: c for c in json.loads((tmp_path / "bundle" / "components.json").read_text())}
    pyside = listed["PySide6_Essentials"]
    assert "LGPL-3.0" in pyside["licence"]
    texts = [(tmp_path / "bundle" / "licenses" / t).read_text() for t in pyside["texts"]]
    assert any("GNU LESSER GENERAL PUBLIC LICENSE" in t for t in texts)
    assert any("GNU GENERAL PUBLIC LICENSE" in t and "Version 3" in t for t in texts)
    for component in listed.values():
        for text in component["texts"]:
            assert (tmp_path / "bundle" / "licenses" / text).stat().st_size > 0
    missing = [name for name, c in listed.items() if not c["texts"]]
    assert not missing, f"components without a licence text: {missing}"
    assert "separate shared libraries" in (tmp_path / "bundle" / "licenses" /
                                          "QT-LGPL-NOTE.txt").read_text()


def test_version_outside_a_bundle_names_no_build():
    assert version_line().startswith("reviewtool ") and "bundle" not in version_line()
