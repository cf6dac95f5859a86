"""What one write to the review changed, as the views need to know it (the idea of Anki's
`OpChanges`): every write through the Session returns one, and the Session's one `changed`
signal carries it to every view, which re-reads only what concerns it."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReviewChanges:
    documents: frozenset[str] = field(default_factory=frozenset)  # ids whose rows may change
    claims: frozenset[str] = field(default_factory=frozenset)
    appraisals: frozenset[str] = field(default_factory=frozenset)
    findings: frozenset[str] = field(default_factory=frozenset)
    conflicts: bool = False  # the set of open conflicts may have changed
    documents_added_or_removed: bool = False
    claims_added_or_removed: bool = False
    whole_file: bool = False  # the file was replaced (a merge or its undo): re-read it all
    focus_claim: str | None = None  # a claim the change brought (back) into view
    undoing: bool = False  # the change is an undo or redo, not a new edit

    @classmethod
    def everything(cls, *, undoing: bool = False) -> "ReviewChanges":
        return cls(conflicts=True, documents_added_or_removed=True,
                   claims_added_or_removed=True, whole_file=True, undoing=undoing)

    def touches_document(self, document_id: str | None) -> bool:
        return self.whole_file or (document_id is not None and document_id in self.documents)


def ids(*values: str | None) -> frozenset[str]:
    return frozenset(v for v in values if v)
