"""Which files an import tries, and the refusals that apply to every format."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import reviewtool.core.importing as importing
from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing import SUPPORTED_SUFFIXES, expand_inputs, extract_file


def touch(path: Path, text: str = "Some text.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folders_are_walked_recursively_in_name_order_skipping_hidden_entries(tmp_path):
    root = tmp_path / "sources"
    for name in [
        "b.txt",
        "A.md",
        "notes.xyz",
        ".DS_Store",
        ".hidden.txt",
        ".git/config.txt",
        "sub/c.pdf",
        "sub/.cache/d.txt",
        "sub/deeper/e.html",
    ]:
        touch(root / name)
    assert expand_inputs([root]) == [
        root / "A.md",
        root / "b.txt",
        root / "notes.xyz",  # listed, so that the caller reports it as unsupported
        root / "sub" / "c.pdf",
        root / "sub" / "deeper" / "e.html",
    ]


def test_arguments_keep_their_order_and_a_file_is_tried_once(tmp_path):
    second = touch(tmp_path / "z.txt")
    folder_file = touch(tmp_path / "folder" / "a.txt")
    missing = tmp_path / "missing.txt"
    hidden = touch(tmp_path / ".named-explicitly.txt")
    assert expand_inputs([second, tmp_path / "folder", missing, folder_file, hidden, second]) == [
        second,
        folder_file,
        missing,
        hidden,
    ]


def test_a_link_back_up_the_tree_is_not_followed(tmp_path):
    touch(tmp_path / "root" / "a.txt")
    try:
        os.symlink(tmp_path / "root", tmp_path / "root" / "loop", target_is_directory=True)
    except OSError:
        pytest.skip("symbolic links are not available here")
    assert expand_inputs([tmp_path / "root"]) == [tmp_path / "root" / "a.txt"]


def test_a_missing_path_is_refused(tmp_path):
    with pytest.raises(ImportRefused, match="^no such file or folder$"):
        extract_file(tmp_path / "nowhere.pdf")


def test_an_unsupported_type_is_refused_naming_the_supported_ones(tmp_path):
    with pytest.raises(ImportRefused) as refused:
        extract_file(touch(tmp_path / "slides.pptx"))
    message = str(refused.value)
    assert "'.pptx'" in message
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in message


def test_suffixes_are_matched_whatever_their_case(tmp_path):
    extracted, _ = extract_file(touch(tmp_path / "NOTES.TXT", "Upper case name."))
    assert extracted.text == "Upper case name."


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(ImportRefused, match="^the file is empty$"):
        extract_file(touch(tmp_path / "empty.md", ""))


def test_a_file_over_the_size_limit_is_refused_saying_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "MAX_FILE_BYTES", 2048)
    path = touch(tmp_path / "big.txt", "x" * 4096)
    with pytest.raises(ImportRefused, match="the file is 4 KB, over the 2 KB import limit"):
        extract_file(path)
    extracted, _ = extract_file(touch(tmp_path / "small.txt", "x" * 2048))
    assert extracted.text == "x" * 2048


def test_the_documented_limit_is_50_megabytes():
    assert importing.MAX_FILE_BYTES == 50 * 1024 * 1024


def test_supported_suffixes():
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}


def test_importing_the_package_loads_no_heavy_library():
    heavy = ["trafilatura", "lxml", "pypdfium2", "docx", "charset_normalizer"]
    probe = (
        "import sys, reviewtool.core.importing\n"
        f"print(','.join(name for name in {heavy!r} if name in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""


def test_a_link_leaving_the_imported_folder_is_not_followed_but_reported(tmp_path):
    from reviewtool.core.importing import LINK_OUTSIDE, Skipped

    secret = tmp_path / "secret.txt"
    secret.write_text("the password is swordfish\n", encoding="utf-8")
    touch(tmp_path / "root" / "a.txt")
    try:
        os.symlink(secret, tmp_path / "root" / "passwd.txt")
        os.symlink(tmp_path / "root" / "a.txt", tmp_path / "root" / "same.txt")
    except OSError:
        pytest.skip("symbolic links are not available here")
    assert expand_inputs([tmp_path / "root"]) == [
        tmp_path / "root" / "a.txt", Skipped(tmp_path / "root" / "passwd.txt", LINK_OUTSIDE)]
    # Named by the user, a link is theirs to follow.
    assert expand_inputs([tmp_path / "root" / "passwd.txt"]) == [tmp_path / "root" / "passwd.txt"]


def test_a_folder_import_reports_the_link_and_never_stores_its_target(tmp_path, review):
    from reviewtool.core.review.documents import import_paths

    secret = tmp_path / "secret.txt"
    secret.write_text("the password is swordfish\n", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("An article about sleep.\n", encoding="utf-8")
    try:
        os.symlink(secret, folder / "notes.txt")
    except OSError:
        pytest.skip("symbolic links are not available here")
    outcomes = import_paths(review, [folder])
    assert [(o.path.name, o.status) for o in outcomes] == [("a.txt", "imported"),
                                                            ("notes.txt", "failed")]
    assert "link to a file outside the imported folder" in outcomes[1].message
    stored = review.conn.execute("SELECT group_concat(text) FROM contents").fetchone()[0]
    assert "swordfish" not in stored
