"""Reading batch records: CSV dialects and encodings through sqlite-utils, row numbers in
every message, and one sentence for each way a file cannot be read."""

import json

import pytest

from reviewtool.core import limits
from reviewtool.core.errors import ReviewError
from reviewtool.core.review.batch_input import read_rows

from ..cli.runner import run
from ..conftest import SEED_TITLES


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


EXPECTED = [("row 2", {"document": "A", "quote": "x, y", "notes": "é"}, True),
            ("row 4", {"document": "B", "quote": "z", "notes": ""}, True)]


@pytest.mark.parametrize("name, text", [
    ("comma.csv", 'document,quote,notes\nA,"x, y",é\n,,\nB,z,\n'),
    ("semicolon.csv", 'document;quote;notes\nA;x, y;é\n;;\nB;z;\n'),
    ("tabs.tsv", 'document\tquote\tnotes\nA\tx, y\té\n\t\t\nB\tz\t\n'),
    ("bom.csv", '\ufeffdocument,quote,notes\nA,"x, y",é\n,,\nB,z,\n'),
])
def test_dialects_read_alike_with_spreadsheet_row_numbers(tmp_path, name, text):
    assert read_rows(_write(tmp_path, name, text)) == EXPECTED


def test_another_encoding_when_named(tmp_path):
    path = _write(tmp_path, "win.csv", 'document,quote,notes\nA,"x, y",é\n,,\nB,z,\n'.encode("cp1252"))
    with pytest.raises(ReviewError, match="is not UTF-8 text.*--encoding"):
        read_rows(path)
    assert read_rows(path, encoding="cp1252") == EXPECTED
    with pytest.raises(ReviewError, match="not an encoding Python knows"):
        read_rows(path, encoding="klingon")


def test_extra_cells_name_their_row(tmp_path):
    path = _write(tmp_path, "x.csv", "document,quote\nA,b\nC,d,e\n")
    with pytest.raises(ReviewError, match=r"row 3 has more cells than the header"):
        read_rows(path)


def test_a_long_cell_is_read_and_an_oversized_one_named(tmp_path):
    note = "n" * 200_000  # beyond the csv module's default field limit
    rows = read_rows(_write(tmp_path, "long.csv", f"document,notes\nA,{note}\n"))
    assert rows[0][1]["notes"] == note
    huge = "n" * (limits.FIELD_VALUE + 10)
    with pytest.raises(ReviewError, match=r"row 3 has a cell longer than the 8 MB a field can hold"):
        read_rows(_write(tmp_path, "huge.csv", f"document,notes\nA,b\nB,{huge}\n"))


def test_json_nested_too_deep_is_one_sentence(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ReviewError, match="nests its JSON too deeply"):
        read_rows(_write(tmp_path, "deep.json", deep))
    nested = {"document": "A", "notes": json.loads("[" * 300 + "]" * 300)}
    with pytest.raises(ReviewError, match="record 1 nests values more than"):
        read_rows(_write(tmp_path, "nested.json", json.dumps([nested])))


def test_a_lone_surrogate_in_json_is_refused(tmp_path):
    path = _write(tmp_path, "s.json", '[{"document": "A"}, {"document": "B", "notes": "x\\ud800y"}]')
    with pytest.raises(ReviewError, match="record 2 holds a lone UTF-16 surrogate"):
        read_rows(path)


def test_json_that_is_not_utf8_is_one_sentence(tmp_path):
    with pytest.raises(ReviewError, match="is not UTF-8 text"):
        read_rows(_write(tmp_path, "b.json", b'[{"document": "\xff\xfe\xfa"}]'))


def test_a_nameless_header_column_is_refused(tmp_path):
    with pytest.raises(ReviewError, match="column without a name"):
        read_rows(_write(tmp_path, "x.csv", "document,,quote\nA,,b\n"))


def test_add_claims_reads_a_cp1252_semicolon_file(seeded, tmp_path):
    text = f"document;quote;statement;category;occurrence\n{SEED_TITLES[2]};Kratom;Kratom – a plant;benefit;1\n"
    path = _write(tmp_path, "claims.csv", text.encode("cp1252"))
    failed = run("add-claims", seeded.path, path)
    assert failed.exit_code == 1 and "--encoding" in failed.stderr
    added = run("add-claims", seeded.path, path, "--encoding", "cp1252")
    assert added.exit_code == 0, added.output
    assert "added 1 claims" in added.stdout


def test_quotes_inside_cells_survive_separator_sniffing(tmp_path):
    text = 'document,notes\nA,"=HYPERLINK(""http://x.test"",""y"")"\n'
    assert read_rows(_write(tmp_path, "q.csv", text))[0][1]["notes"] == '=HYPERLINK("http://x.test","y")'
