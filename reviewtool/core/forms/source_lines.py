"""Line numbers in a form's TOML text, for error messages.

tomllib returns values without positions, so problems are located by scanning the text:
every [[fields]] table (with its [fields.x] / [[fields.x]] sub-tables) is a block of lines,
and a key is the first line in that block that starts with it. Lines inside multi-line
strings (long help texts) are skipped so that their contents are never mistaken for keys.
"""

import re

_TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_MULTILINE_DELIMITER = re.compile(r'"""|\'\'\'')


def _starts_outside_strings(lines: list[str]) -> list[bool]:
    flags = []
    open_delimiter: str | None = None
    for line in lines:
        flags.append(open_delimiter is None)
        position = 0
        while True:
            if open_delimiter is None:
                found = _MULTILINE_DELIMITER.search(line, position)
                if not found:
                    break
                open_delimiter, position = found.group(), found.end()
            else:
                end = line.find(open_delimiter, position)
                if end < 0:
                    break
                open_delimiter, position = None, end + 3
    return flags


def _key_pattern(key: str) -> re.Pattern[str]:
    # `key = ...`, a quoted key, or a dotted key such as `show_if.field = ...`
    name = re.escape(key)
    return re.compile(rf"""^\s*(?:{name}|"{name}"|'{name}')\s*[=.]""")


class SourceLines:
    def __init__(self, text: str):
        self._lines = text.splitlines()
        self._top_level: list[int] = []  # indices of lines before the first table header
        self._field_blocks: list[list[int]] = []
        in_fields_block = False
        seen_header = False
        for index, outside in enumerate(_starts_outside_strings(self._lines)):
            if not outside:
                continue
            header = _TABLE_HEADER.match(self._lines[index])
            if header:
                seen_header = True
                brackets, name = header.groups()
                if brackets == "[[" and name == "fields":
                    self._field_blocks.append([])
                    in_fields_block = True
                elif not name.startswith("fields."):
                    in_fields_block = False
            if in_fields_block:
                self._field_blocks[-1].append(index)
            elif not seen_header:
                self._top_level.append(index)

    def top_level_key(self, key: str) -> int | None:
        return self._first(self._top_level, _key_pattern(key).search)

    def field_start(self, field_index: int) -> int | None:
        """The `[[fields]]` line of the field_index-th field (None for inline-array forms)."""
        block = self._block(field_index)
        return block[0] + 1 if block else None

    def field_key(self, field_index: int, key: str) -> int | None:
        pattern = _key_pattern(key)

        def is_key_line(line: str) -> bool:
            header = _TABLE_HEADER.match(line)
            return bool(pattern.search(line)) or bool(header and header.group(2) == f"fields.{key}")

        return self._first(self._block(field_index), is_key_line)

    def field_choice(self, field_index: int, value: str, occurrence: int = 1) -> int | None:
        """The line of the occurrence-th `value = "<value>"` inside the field's choices."""
        name = re.escape(value)
        pattern = re.compile(rf"""(?:^|[\s{{,])value\s*=\s*(?:"{name}"|'{name}')""")
        return self._first(self._block(field_index), pattern.search, occurrence)

    def _block(self, field_index: int) -> list[int]:
        return self._field_blocks[field_index] if field_index < len(self._field_blocks) else []

    def _first(self, indices: list[int], predicate, occurrence: int = 1) -> int | None:
        for index in indices:
            if predicate(self._lines[index]):
                occurrence -= 1
                if occurrence == 0:
                    return index + 1
        return None
