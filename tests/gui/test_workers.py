"""Background jobs: a newer job of a kind supersedes the older one; errors take one path."""

import threading

from reviewtool.core.errors import ReviewError
from reviewtool.gui.errors import report_error
from reviewtool.gui.workers import Job, JobRunner


def test_only_the_latest_job_of_a_kind_reports_back(qtbot):
    runner = JobRunner()
    release = threading.Event()
    results, errors = [], []

    def slow(_review, job):
        release.wait(5)
        return "older"

    older = runner.start(Job("search", None, slow), results.append, errors.append, kind="search")
    runner.start(Job("search", None, lambda _review, _job: "newer"), results.append,
                 errors.append, kind="search")
    assert older.is_cancelled()  # told to stop; its outcome no longer matters
    qtbot.waitUntil(lambda: results == ["newer"])
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == ["newer"] and errors == []


def test_jobs_without_a_kind_all_report_back(qtbot):
    runner = JobRunner()
    results = []
    for n in range(3):
        runner.start(Job("work", None, lambda _review, _job, n=n: n), results.append, print)
    qtbot.waitUntil(lambda: not runner.busy)
    assert sorted(results) == [0, 1, 2]


def test_a_job_opens_its_own_connection_and_reports_known_errors(qtbot, review_path):
    runner = JobRunner()
    titles, errors = [], []

    def title(review, _job):
        return review.conn.execute("SELECT count(*) FROM reviewers").fetchone()[0]

    def refuse(_review, _job):
        raise ReviewError("That cannot be done; do something else.")

    runner.start(Job("count", review_path, title), titles.append, errors.append)
    runner.start(Job("refuse", review_path, refuse), titles.append, errors.append)
    qtbot.waitUntil(lambda: not runner.busy)
    assert titles == [1]
    shown = []
    report_error(errors[0], shown.append)
    assert shown == ["That cannot be done; do something else."]
