"""Words in sentences: counts ("1 claim", "2 claims", "1,200 documents") and lists ("A, B and C")."""


def counted(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun_for(n, noun, plural)}"


def noun_for(n: int, noun: str, plural: str | None = None) -> str:
    """The noun as it goes with n, for sentences that give the number elsewhere or not at all."""
    return noun if n == 1 else plural or noun + "s"


def joined(names) -> str:
    """"A", "A and B", "A, B and C"."""
    names = list(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
