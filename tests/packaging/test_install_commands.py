"""The README's two commands: CI runs the test command exactly, and both install into a
virtual environment, so a stock Debian or Ubuntu Python (externally managed) can run them."""

import os
import re
import subprocess

from tests.builders import ROOT


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_ci_runs_the_readme_test_command_exactly():
    install, test = readme_commands()
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_both_commands_install_into_a_virtual_environment():
    for command in readme_commands():
        assert "scripts/venv.sh" in command and "pip install" not in command
        assert ".venv/bin/" in command  # and run from it


def test_too_old_a_python_is_refused_in_one_sentence(tmp_path):
    old = tmp_path / "python3"
    old.write_text("#!/bin/sh\n[ \"$1\" = -V ] && echo 'Python 3.9.2' && exit 0\nexit 1\n")
    old.chmod(0o755)
    result = subprocess.run(["sh", str(ROOT / "scripts" / "venv.sh")], capture_output=True,
                            text=True, env={**os.environ, "PYTHON": str(old),
                                            "VENV": str(tmp_path / "venv")})
    assert result.returncode == 1
    assert result.stderr.strip() == (f"reviewtool needs Python 3.11 or newer; {old} is "
                                     "Python 3.9.2.")
    assert not (tmp_path / "venv").exists()
