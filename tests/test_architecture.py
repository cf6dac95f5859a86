"""The rules the code base keeps: layering, light start-up, documented commands."""

import ast
import subprocess
import sys

from reviewtool.cli import cli

from .conftest import ROOT

PACKAGE = ROOT / "reviewtool"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_core_and_report_never_import_qt():
    for layer in ("core", "report"):
        for path in (PACKAGE / layer).rglob("*.py"):
            bad = [m for m in imported_modules(path) if m.split(".")[0] in QT_MODULES]
            assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_import_linter_contracts_are_kept():
    """Layers (cli | gui → report → core; inside core, store at the bottom), no Qt below the
    app, no cycles between sibling packages: the contracts in pyproject.toml."""
    result = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                             "lint_imports_command()"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_imports_itself_through_others():
    """No import cycles between modules either (import-linter checks packages)."""
    import grimp

    graph = grimp.build_graph("reviewtool")
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported != module and graph.chain_exists(importer=imported, imported=module):
                cycles.append(f"{module} <-> {imported}")
    assert not cycles, cycles


def test_widgets_hold_no_sql():
    for path in (PACKAGE / "gui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for marker in (".execute(", "SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM"):
            assert marker not in text, f"{path.relative_to(ROOT)} contains SQL ({marker.strip()})"


def test_command_line_start_up_loads_no_heavy_library():
    code = ("import sys, reviewtool.cli; heavy = ('PySide6', 'trafilatura', 'pypdfium2', "
            "'docx', 'reportlab', 'openpyxl', 'numpy', 'scipy', 'krippendorff', 'rapidfuzz'); "
            "print([m for m in heavy if m in sys.modules])")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"`{name}" in readme or f"reviewtool {name}" in readme, f"'{name}' is not in the README"
