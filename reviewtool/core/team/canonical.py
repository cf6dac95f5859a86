"""The canonical JSON export: the same review content gives byte-identical output.

Everything in it is derived from the merged history (never from local row numbers, merge
order or this copy's settings), sorted, and formatted one way, so it is what the merge
properties are checked against and what scripts can diff.
"""

import hashlib
import json

from reviewtool.core.review.appraisals import list_appraisals
from reviewtool.core.review.claims import list_claims
from reviewtool.core.team.conflicts import list_conflicts
from reviewtool.core.review.documents import list_documents
from reviewtool.core.store.reviewfile import ReviewFile

FORMAT_VERSION = 1


def canonical_export(review: ReviewFile) -> dict:
    conn = review.conn
    review_fields = dict(conn.execute(
        "SELECT field, value ->> '$' FROM heads WHERE record_id = ? AND shown", (review.review_id,)))
    versions = [row[0] for row in conn.execute("SELECT version_id FROM versions ORDER BY version_id")]
    return {
        "format": "reviewtool-export",
        "format_version": FORMAT_VERSION,
        "review": {"id": review.review_id, "title": review_fields.get("title", ""),
                   "question": review_fields.get("question", "")},
        "reviewers": [{"id": rid, "name": name} for rid, name in conn.execute(
            "SELECT reviewer_id, name FROM reviewers ORDER BY reviewer_id")],
        "forms": [{"id": f, "version": v, "sha256": s} for f, v, s in conn.execute(
            "SELECT form_id, version, sha256 FROM forms ORDER BY form_id, version")],
        "documents": sorted((d.as_json() for d in list_documents(review)), key=lambda d: d["id"]),
        "claims": sorted((c.as_json() for c in list_claims(review)), key=lambda c: c["id"]),
        "appraisals": sorted((a.as_json() for a in list_appraisals(review)), key=lambda a: a["id"]),
        "deleted": [row[0] for row in conn.execute(
            "SELECT record_id FROM records WHERE deleted = 1 ORDER BY record_id")],
        "conflicts": [c.as_json() for c in list_conflicts(review)],
        "history": {"versions": len(versions),
                    "sha256": hashlib.sha256("\n".join(versions).encode()).hexdigest()},
    }


def canonical_json(review: ReviewFile) -> str:
    return json.dumps(canonical_export(review), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
