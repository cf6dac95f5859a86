"""Makes schema1.review and schema1.json: a review file written by reviewtool with schema 1
(run with that version of reviewtool on the path), and its canonical export then.

The file holds a document, three claims by two reviewers, a deleted claim, an edit made in
both copies alike and one conflict, so the test of the migration to the current schema
can check that nothing changes meaning.

    PYTHONPATH=<reviewtool with schema 1> python tests/data/make_schema1_review.py
"""

import shutil
import sys
import tempfile
from pathlib import Path

from reviewtool.core.review.new_review import new_review
from reviewtool.core.team.canonical import canonical_json
from reviewtool.core.review.claims import add_claim
from reviewtool.core.review.documents import import_paths, list_documents
from reviewtool.core.team.merge import merge_files
from reviewtool.core.review.records import delete_record, update_answers
from reviewtool.core.store.reviewfile import ReviewFile

TEXT = """Kratom and sleep

Kratom users often report poor sleep during withdrawal, according to a survey of 200 adults.
Low doses were described as stimulating, while higher doses were sedating.
No trial has measured sleep quality with polysomnography in regular kratom users.
"""

here = Path(__file__).parent
folder = Path(tempfile.mkdtemp())
source = folder / "kratom-sleep.txt"
source.write_text(TEXT, encoding="utf-8")
lead, mate = folder / "lead.review", folder / "mate.review"
with new_review(lead, title="Kratom and sleep", reviewer="Amara Okafor") as review:
    import_paths(review, [source])
    document = list_documents(review)[0].id
    start = TEXT.index("Kratom users")
    first = add_claim(review, document, start, TEXT.index(".", start) + 1,
                      {"statement": "Poor sleep in withdrawal", "category": "risk"})
    start = TEXT.index("No trial")
    add_claim(review, document, start, TEXT.index(".", start) + 1,
              {"statement": "Sleep not measured objectively", "category": "open_question"})
shutil.copy(lead, mate)
with ReviewFile.open(mate) as review:
    review.set_local("owner", "Jonas Lindqvist")
    start = TEXT.index("Low doses")
    gone = add_claim(review, document, start, TEXT.index(".", start) + 1,
                     {"statement": "Dose-dependent effects", "category": "benefit"},
                     reviewer="Jonas Lindqvist")
    delete_record(review, gone, reviewer="Jonas Lindqvist")
    update_answers(review, first, {"category": "open_question"}, reviewer="Jonas Lindqvist",
                   partial=True)
    # The same edit as the lead's below: two heads of one value, which is agreement.
    update_answers(review, first, {"statement": "Poor sleep during withdrawal"},
                   reviewer="Jonas Lindqvist", partial=True)
with ReviewFile.open(lead) as review:
    update_answers(review, first, {"statement": "Poor sleep during withdrawal"}, partial=True)
    update_answers(review, first, {"category": "benefit"}, partial=True)
merge_files(lead, [mate], snapshot=False)
with ReviewFile.open(lead) as review:
    (here / "schema1.json").write_text(canonical_json(review), encoding="utf-8")
shutil.copy(lead, here / "schema1.review")
shutil.rmtree(folder)
print("wrote", here / "schema1.review", file=sys.stderr)
