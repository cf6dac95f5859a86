"""The merge algebra, on random edit histories split across 2-4 reviewers' files."""

import itertools
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewtool.core.review.new_review import new_review
from reviewtool.core.review.anchors import anchor_at
from reviewtool.core.team.canonical import canonical_json
from reviewtool.core.store.changes import Change
from reviewtool.core.review.claims import create_claim, list_claims
from reviewtool.core.team.conflicts import list_conflicts
from reviewtool.core.review.documents import document_text, import_paths, list_documents
from reviewtool.core.team.merge import merge_files
from reviewtool.core.review.records import delete_record, update_answers
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.store.state import rebuild_all

from ..conftest import SEEDS

REVIEWERS = ["Amara Okafor", "Jonas Lindqvist", "Mei Tanaka", "Luis Ortega"]
CATEGORIES = ["risk", "benefit", "open_question", "mechanism", "other"]
CERTAINTY = ["high", "moderate", "low", "very_low"]
_BASE: dict[str, Path] = {}

SETTINGS = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def base_file() -> Path:
    """One review with the demo documents and a few shared claims, made once per session."""
    if "path" not in _BASE:
        folder = Path(tempfile.mkdtemp(prefix="merge-base-"))
        path = folder / "base.review"
        with new_review(path, title="Base", reviewer=REVIEWERS[0]) as review:
            import_paths(review, SEEDS)
            document = list_documents(review)[0]
            text, pages = document_text(review, document.id)
            with Change(review) as change:
                for n in range(3):
                    create_claim(review, change, document.id,
                                 anchor_at(text, 100 * n, 100 * n + 40, pages),
                                 {"statement": f"shared claim {n}", "category": "risk"})
        _BASE["path"] = path
    return _BASE["path"]


def shared_claims(path: Path) -> list[str]:
    with ReviewFile.open(path) as review:
        return sorted(c.id for c in list_claims(review))


operation = st.one_of(
    st.tuples(st.just("create"), st.sampled_from(CATEGORIES)),
    st.tuples(st.just("edit"), st.integers(0, 2), st.sampled_from(["category", "certainty"]),
              st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 2)),
    st.tuples(st.just("sync"), st.integers(0, 3)),  # receive another reviewer's file
)


def apply(files: list[Path], who: int, op: tuple, claim_ids: list[str]) -> None:
    path = files[who]
    if op[0] == "sync":
        other = op[1] % len(files)
        if other != who:
            merge_files(path, [files[other]], snapshot=False)
        return
    with ReviewFile.open(path) as review:
        live = {c.id for c in list_claims(review)}
        if op[0] == "create":
            document = list_documents(review)[1]
            text, pages = document_text(review, document.id)
            with Change(review, REVIEWERS[who]) as change:
                create_claim(review, change, document.id, anchor_at(text, 10, 60, pages),
                             {"statement": f"claim by {who}", "category": op[1]})
        elif op[0] == "edit" and claim_ids[op[1]] in live:
            value = (CATEGORIES if op[2] == "category" else CERTAINTY)[op[3]]
            update_answers(review, claim_ids[op[1]], {op[2]: value}, reviewer=REVIEWERS[who])
        elif op[0] == "delete" and claim_ids[op[1]] in live:
            delete_record(review, claim_ids[op[1]], reviewer=REVIEWERS[who])


def make_files(folder: Path, count: int) -> list[Path]:
    files = []
    for n in range(count):
        path = folder / f"reviewer{n}.review"
        shutil.copy(base_file(), path)
        files.append(path)
    return files


def merged(folder: Path, name: str, sources: list[Path]) -> Path:
    target = folder / name
    shutil.copy(base_file(), target)
    merge_files(target, sources, snapshot=False)
    return target


def export(path: Path) -> str:
    with ReviewFile.open(path) as review:
        return canonical_json(review)


def derived_state(path: Path) -> dict[str, list]:
    """The derived tables a merge maintains incrementally (local row numbers left out)."""
    queries = {
        "heads": "SELECT record_id, field, version_id, value, shown FROM heads",
        "field_conflicts": "SELECT record_id, field, heads FROM field_conflicts",
        "records": "SELECT record_id, entity, created, created_by, updated, updated_by, deleted, "
                   "conflicts FROM records",
        "claims": "SELECT claim_id, document_id, reviewer_id, created, updated, category, "
                  "certainty, answers, conflicts FROM claims",
    }
    with ReviewFile.open(path) as review:
        return {name: sorted(review.conn.execute(sql).fetchall()) for name, sql in queries.items()}


def rebuilt_from_scratch(path: Path) -> dict[str, list]:
    copy = path.with_name("rebuilt-" + path.name)
    shutil.copy(path, copy)
    with ReviewFile.open(copy) as review, review.transaction():
        rebuild_all(review.conn)
    return derived_state(copy)


def version_ids(path: Path) -> set[str]:
    with ReviewFile.open(path) as review:
        return {row[0] for row in review.conn.execute("SELECT version_id FROM versions")}


@SETTINGS
@given(count=st.integers(2, 4),
       steps=st.lists(st.tuples(st.integers(0, 3), operation), min_size=1, max_size=12),
       order=st.randoms(use_true_random=False))
def test_any_order_any_grouping_same_result_nothing_lost(count, steps, order):
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        files = make_files(folder, count)
        claim_ids = shared_claims(files[0])
        for who, op in steps:
            apply(files, who % count, op, claim_ids)

        forward = merged(folder, "forward.review", files)
        shuffled = files[:]
        order.shuffle(shuffled)
        backward = merged(folder, "shuffled.review", shuffled)
        # Associativity: merge two files first, then merge that result with the rest.
        pair = merged(folder, "pair.review", shuffled[:2])
        grouped = merged(folder, "grouped.review", [pair] + shuffled[2:])
        expected = export(forward)
        assert export(backward) == expected
        assert export(grouped) == expected

        # What the merge derived incrementally is what a rebuild from the history derives.
        assert derived_state(grouped) == rebuilt_from_scratch(grouped)

        # Idempotent: merging everything again changes nothing.
        merge_files(forward, files + [backward], snapshot=False)
        assert export(forward) == expected

        # Nothing lost: every version from every file is in the merged file.
        everything = set().union(*(version_ids(f) for f in files))
        assert everything <= version_ids(forward)


@SETTINGS
@given(count=st.integers(2, 4),
       edits=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2),
                                st.sampled_from(["category", "certainty"]), st.integers(0, 3)),
                      min_size=1, max_size=10))
def test_concurrent_edits_become_exactly_one_conflict_each(count, edits):
    """Edits of the same field in different files conflict unless they agree on the value."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        files = make_files(folder, count)
        claim_ids = shared_claims(files[0])
        # (claim, field) -> {file: the value that file's last edit left}
        edited_by: dict[tuple[str, str], dict[int, str]] = {}
        for who, claim, field, value in edits:
            who %= count
            values = CATEGORIES if field == "category" else CERTAINTY
            with ReviewFile.open(files[who]) as review:
                # An edit to the value the field already has writes nothing, so it is no edit.
                current = next(c for c in list_claims(review) if c.id == claim_ids[claim])
                if current.answers.get(field) == values[value]:
                    continue
                update_answers(review, claim_ids[claim], {field: values[value]},
                               reviewer=REVIEWERS[who])
            edited_by.setdefault((claim_ids[claim], field), {})[who] = values[value]
        target = merged(folder, "team.review", files)
        with ReviewFile.open(target) as review:
            found = {(c.record_id, c.field): c for c in list_conflicts(review)}
        # Concurrent edits conflict unless they all arrived at the same value.
        expected = {key for key, last in edited_by.items()
                    if len(last) > 1 and len(set(last.values())) > 1}
        assert set(found) == expected
        for key, conflict in found.items():
            assert {v.reviewer for v in conflict.values} == {REVIEWERS[w] for w in edited_by[key]}


def test_resolution_merges_like_an_edit(tmp_path):
    files = make_files(tmp_path, 2)
    claim = shared_claims(files[0])[0]
    for n, value in enumerate(["low", "very_low"]):
        with ReviewFile.open(files[n]) as review:
            update_answers(review, claim, {"certainty": value}, reviewer=REVIEWERS[n])
    lead = merged(tmp_path, "lead.review", files)
    from reviewtool.core.team.conflicts import resolve_conflict
    with ReviewFile.open(lead) as review:
        conflict, = list_conflicts(review)
        resolve_conflict(review, conflict, "low", reason="Small sample; one study.")
        assert list_conflicts(review) == []
    # A reviewer who receives the lead's file sees the resolution, and no conflict.
    merge_files(files[1], [lead], snapshot=False)
    with ReviewFile.open(files[1]) as review:
        assert list_conflicts(review) == []
        assert next(c for c in list_claims(review) if c.id == claim).answers["certainty"] == "low"
        reasons = [r[0] for r in review.conn.execute(
            "SELECT h.value ->> '$' FROM heads h JOIN records r USING (record_id) "
            "WHERE r.entity = 'adjudication' AND h.field = 'reason' AND h.shown")]
        assert reasons == ["Small sample; one study."]


def test_deletion_merges_as_a_tombstone(tmp_path):
    files = make_files(tmp_path, 2)
    claim = shared_claims(files[0])[0]
    with ReviewFile.open(files[0]) as review:
        delete_record(review, claim)
    target = merged(tmp_path, "t.review", list(reversed(files)))
    with ReviewFile.open(target) as review:
        assert claim not in {c.id for c in list_claims(review)}
        assert review.conn.execute("SELECT deleted FROM records WHERE record_id = ?",
                                   (claim,)).fetchone() == (1,)


def test_pairwise_orders_of_three_files_agree(tmp_path):
    files = make_files(tmp_path, 3)
    claim = shared_claims(files[0])[1]
    for n, path in enumerate(files):
        with ReviewFile.open(path) as review:
            update_answers(review, claim, {"certainty": CERTAINTY[n]}, reviewer=REVIEWERS[n])
    exports = {export(merged(tmp_path, f"m{n}.review", list(p)))
               for n, p in enumerate(itertools.permutations(files))}
    assert len(exports) == 1


def test_the_same_change_made_twice_is_no_conflict(tmp_path):
    files = make_files(tmp_path, 2)
    claim = shared_claims(files[0])[0]
    for n, path in enumerate(files):
        with ReviewFile.open(path) as review:
            update_answers(review, claim, {"certainty": "low"}, reviewer=REVIEWERS[n])
    target = merged(tmp_path, "team.review", files)
    with ReviewFile.open(target) as review:
        assert list_conflicts(review) == []
        assert next(c for c in list_claims(review) if c.id == claim).answers["certainty"] == "low"
        # Both versions are kept in the history.
        assert review.conn.execute("SELECT count(*) FROM versions WHERE record_id = ? AND "
                                   "field = 'certainty'", (claim,)).fetchone()[0] == 2


def test_teammates_naming_the_same_finding_create_one_finding(tmp_path):
    from reviewtool.core.review.findings import create_finding, link_claim, list_findings

    files = make_files(tmp_path, 2)
    claim = shared_claims(files[0])[0]
    for n, path in enumerate(files):
        with ReviewFile.open(path) as review, Change(review, REVIEWERS[n]) as change:
            finding = create_finding(change, "Kratom  may cause insomnia", "risk")
            link_claim(change, claim, finding, "supports")
    target = merged(tmp_path, "team.review", files)
    with ReviewFile.open(target) as review:
        found, = list_findings(review)
        assert found.statement == "Kratom may cause insomnia"
        assert list_conflicts(review) == []


def _new_claim(path: Path, who: int) -> str:
    with ReviewFile.open(path) as review:
        document = list_documents(review)[1]
        text, pages = document_text(review, document.id)
        with Change(review, REVIEWERS[who]) as change:
            return create_claim(review, change, document.id, anchor_at(text, 10, 60, pages),
                                {"statement": f"new claim by {who}", "category": "risk"})


def test_a_new_claim_edited_in_a_later_file_of_the_same_merge(tmp_path):
    """The claim comes from one file, its edit by another reviewer from the next: who made it
    and when are taken from both."""
    first, second = make_files(tmp_path, 2)
    claim = _new_claim(first, 0)
    merge_files(second, [first], snapshot=False)
    with ReviewFile.open(second) as review:
        update_answers(review, claim, {"certainty": "low"}, reviewer=REVIEWERS[1])
    target = merged(tmp_path, "team.review", [first, second])
    assert derived_state(target) == rebuilt_from_scratch(target)
    with ReviewFile.open(target) as review:
        made = next(c for c in list_claims(review) if c.id == claim)
        assert made.reviewer == REVIEWERS[0]


def test_a_new_claim_arriving_with_its_own_conflict(tmp_path):
    """A file that already holds two reviewers' concurrent edits of a claim the target has
    never seen brings the conflict with it."""
    first, second, third = make_files(tmp_path, 3)
    claim = _new_claim(first, 0)
    merge_files(second, [first], snapshot=False)
    for n, path in ((0, first), (1, second)):
        with ReviewFile.open(path) as review:
            update_answers(review, claim, {"certainty": CERTAINTY[n]}, reviewer=REVIEWERS[n])
    merge_files(third, [first, second], snapshot=False)
    target = merged(tmp_path, "team.review", [third])
    assert derived_state(target) == rebuilt_from_scratch(target)
    with ReviewFile.open(target) as review:
        conflict, = list_conflicts(review)
        assert (conflict.record_id, conflict.field) == (claim, "certainty")
