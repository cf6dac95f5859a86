"""The README's "Exploring a review file": sqlite-utils and Datasette read a review file as it
is, and Datasette labels its tables from the shipped metadata."""

import json
import socket
import subprocess
import sys
import time

import httpx
import pytest

from reviewtool.resources import data_dir



def sqlite_utils(*args) -> str:
    done = subprocess.run([sys.executable, "-m", "sqlite_utils", *map(str, args)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def team_file(tmp_path_factory):
    from reviewtool.core.demo import build_demo

    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder)
    return folder / "team.review"


def test_sqlite_utils_lists_tables_rows_and_searches(team_file):
    counts = {row["table"]: row["count"] for row in json.loads(sqlite_utils("tables", team_file, "--counts"))}
    assert counts["claims"] > 10 and counts["versions"] > counts["claims"]
    claims = json.loads(sqlite_utils("rows", team_file, "claims"))
    assert len(claims) == counts["claims"] and {"claim_id", "statement", "exact"} <= set(claims[0])
    hits = json.loads(sqlite_utils("search", team_file, "claims_fts", "sleep"))
    assert hits and all("sleep" in (h["statement"] + h["quote"] + h["notes"]).lower() for h in hits)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_datasette_serves_the_file_read_only_with_labelled_tables(team_file):
    before = team_file.read_bytes()
    folder = data_dir("datasette")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", "--immutable", str(team_file),
         "--metadata", str(folder / "metadata.json"), "--plugins-dir", str(folder / "plugins"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}/team"
        for _ in range(100):
            try:
                page = httpx.get(f"{base}/claims", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.1)
        assert page.status_code == 200 and "Derived: the claims" in page.text
        versions = httpx.get(f"{base}/versions", timeout=5).text
        assert "Source of truth: every value ever set" in versions
        rows = httpx.get(f"{base}/claims.json?_shape=array&_size=5", timeout=5).json()
        assert len(rows) == 5 and rows[0]["statement"]
        # Immutable: no write is possible, and the file is unchanged.
        assert httpx.post(f"{base}/-/create", json={}, timeout=5).status_code in (403, 404, 405)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert team_file.read_bytes() == before
