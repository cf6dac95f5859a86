"""Counts in sentences: "1 claim", "2 claims", "1,200 documents"."""


def counted(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
