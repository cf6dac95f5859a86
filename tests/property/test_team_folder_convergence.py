"""Three reviewers, three working files, one team folder, and a sync service that delivers
snapshots cut short and leaves conflicted copies: after a final round of syncs everyone's
canonical export is byte-identical and nothing anyone wrote is lost."""

import shutil
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from reviewtool.core.store import ids
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.folder import sync_folder

from .test_merge_algebra import CATEGORIES, REVIEWERS, SETTINGS, apply, export, make_files, shared_claims

PEOPLE = 3

step = st.one_of(
    st.tuples(st.just("create"), st.sampled_from(CATEGORIES)),
    st.tuples(st.just("edit"), st.integers(0, 2), st.sampled_from(["category", "certainty"]),
              st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 2)),
    st.tuples(st.just("sync")),
    st.tuples(st.just("sync")),
    st.tuples(st.just("cut_short"), st.floats(0.05, 0.95)),  # the snapshot arrives half-written
    st.tuples(st.just("conflicted_copy"), st.sampled_from(["dropbox", "onedrive"])),
)
history = st.lists(st.tuples(st.integers(0, PEOPLE - 1), step), min_size=1, max_size=14)


def snapshot(folder: Path, who: int) -> Path | None:
    found = list(folder.glob(f"*/{ids.reviewer_id(REVIEWERS[who])}.review"))
    return found[0] if found else None


def versions(path: Path) -> set[str]:
    with ReviewFile.open(path, readonly=True) as review:
        return {row[0] for row in review.conn.execute("SELECT version_id FROM versions")}


@SETTINGS
@given(history)
# The only snapshot holding a claim arrives cut short: its owner must publish it again.
@example([(0, ("create", "risk")), (0, ("sync",)), (0, ("cut_short", 0.5))])
# A conflicted copy of a snapshot cut short stays broken for good; it is only named.
@example([(1, ("create", "risk")), (1, ("sync",)), (1, ("cut_short", 0.3)),
          (1, ("conflicted_copy", "dropbox")), (2, ("sync",))])
def test_the_team_converges_through_the_folder_whatever_the_sync_service_does(steps):
    work = Path(tempfile.mkdtemp(prefix="team-folder-"))
    try:
        files = make_files(work, PEOPLE)
        folder = work / "shared"
        folder.mkdir()
        claim_ids = shared_claims(files[0])
        copies = 0
        for who, operation in steps:
            kind = operation[0]
            if kind == "sync":
                sync_folder(files[who], folder, reviewer=REVIEWERS[who])
            elif kind == "cut_short":
                target = snapshot(folder, who)
                if target is not None:
                    data = target.read_bytes()
                    target.write_bytes(data[: int(len(data) * operation[1])])
            elif kind == "conflicted_copy":
                target = snapshot(folder, who)
                if target is not None:
                    copies += 1
                    name = (f"{target.stem} (conflicted copy 2026-12-0{copies % 9 + 1}).review"
                            if operation[1] == "dropbox" else f"{target.stem}-DESKTOP-{copies}.review")
                    shutil.copyfile(target, target.with_name(name))
            else:
                apply(files, who, operation, claim_ids)
        written = set().union(*(versions(path) for path in files))
        for _ in range(2):  # the final round: everyone syncs, twice over
            for who, path in enumerate(files):
                sync_folder(path, folder, reviewer=REVIEWERS[who])
        exports = [export(path) for path in files]
        assert exports[0] == exports[1] == exports[2]
        for path in files:
            assert written <= versions(path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
