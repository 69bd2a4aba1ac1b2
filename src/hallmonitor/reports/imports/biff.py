"""Error values in an .xls file's first worksheet, which python-calamine reads as blank cells.

An .xls is a compound file (a small FAT file system) whose Workbook stream is
a list of BIFF8 records. An error value is a BOOLERR record with its error
flag set, or a FORMULA record whose saved result is an error. Formulas in an
.xls always carry their result, so errors are all there is to find. Walking
every record in Python costs a second on a full sheet, so the stream is first
searched for the bytes such records consist of; a file without errors (nearly
every file) is never walked.
"""

from __future__ import annotations

import re
import struct

__all__ = ["ERROR_CODES", "xls_errors"]

#: BIFF8 error codes, as Excel shows them.
ERROR_CODES = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
}
_CODES = b"[" + b"".join(re.escape(bytes([code])) for code in ERROR_CODES) + b"]"
#: BOOLERR (0x0205, 8 bytes): row, column, format, the error code, 1 for "is an error".
_BOOLERR = re.compile(rb"\x05\x02\x08\x00.{6}" + _CODES + rb"\x01", re.DOTALL)
#: FORMULA (0x0006): row, column, format, then a result of type 2 (error) marked by 0xFFFF.
_FORMULA_ERROR = re.compile(rb"\x06\x00.{8}\x02\x00" + _CODES + rb"\x00\x00\x00\xff\xff", re.DOTALL)

_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE


class _Compound:
    """Just enough of the compound file format to read one stream."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(_MAGIC):
            raise ValueError("not a compound file")
        self.data = data
        self.size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        self.mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
        fat_count, directory = struct.unpack_from("<II", data, 0x2C)
        self.cutoff, mini_fat, mini_fat_count, difat, difat_count = struct.unpack_from("<IIIII", data, 0x38)
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        for _ in range(difat_count):
            if difat >= _END_OF_CHAIN:
                break
            entries = struct.unpack_from(f"<{self.size // 4}I", self._sector(difat))
            fat_sectors += entries[:-1]
            difat = entries[-1]
        fat = b"".join(self._sector(s) for s in fat_sectors[:fat_count])
        self.fat = struct.unpack(f"<{len(fat) // 4}I", fat)
        self.directory = self._chain(directory)
        root_start = struct.unpack_from("<I", self.directory, 116)[0]
        self.mini_stream = self._chain(root_start) if mini_fat_count else b""
        mini = self._chain(mini_fat) if mini_fat_count else b""
        self.mini_fat = struct.unpack(f"<{len(mini) // 4}I", mini)

    def _sector(self, number: int) -> bytes:
        start = (number + 1) * self.size
        return self.data[start : start + self.size]

    def _chain(self, start: int, fat: tuple[int, ...] | None = None, mini: bool = False) -> bytes:
        table = fat if fat is not None else self.fat
        parts, seen = [], set()
        while start < _END_OF_CHAIN and start not in seen and start < len(table):
            seen.add(start)
            if mini:
                parts.append(self.mini_stream[start * self.mini_size : (start + 1) * self.mini_size])
            else:
                parts.append(self._sector(start))
            start = table[start]
        return b"".join(parts)

    def stream(self, *names: str) -> bytes | None:
        for offset in range(0, len(self.directory) - 127, 128):
            entry = self.directory[offset : offset + 128]
            length = struct.unpack_from("<H", entry, 64)[0]
            name = entry[: max(length - 2, 0)].decode("utf-16-le", "replace")
            if entry[66] == 2 and name in names:
                start, size = struct.unpack_from("<II", entry, 116)
                if size < self.cutoff:
                    return self._chain(start, self.mini_fat, mini=True)[:size]
                return self._chain(start)[:size]
        return None


def _first_worksheet(stream: bytes) -> int | None:
    """Where the first worksheet's records begin, from the workbook's BOUNDSHEET records."""
    position = 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        if kind == 0x0085 and stream[body + 5] == 0:  # BOUNDSHEET of a worksheet
            return int(struct.unpack_from("<I", stream, body)[0])
        if kind == 0x000A:  # the end of the workbook's globals
            return None
        position = body + length
    return None


def xls_errors(data: bytes) -> list[tuple[int, int, str]]:
    """(row, column, error shown) of each error value in the first worksheet, counted from 1."""
    stream = _Compound(data).stream("Workbook", "Book")
    if stream is None or not (_BOOLERR.search(stream) or _FORMULA_ERROR.search(stream)):
        return []
    position = _first_worksheet(stream)
    if position is None:
        return []
    found = []
    depth = 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        if kind == 0x0809:  # BOF: the sheet's own, or an embedded chart's
            depth += 1
        elif kind == 0x000A:
            depth -= 1
            if depth <= 0:
                break
        elif depth == 1 and kind == 0x0205 and length >= 8 and stream[body + 7] == 1:
            row, column = struct.unpack_from("<HH", stream, body)
            found.append((row + 1, column + 1, ERROR_CODES.get(stream[body + 6], "#N/A")))
        elif depth == 1 and kind == 0x0006 and length >= 14:
            result = stream[body + 6 : body + 14]
            if result[6:8] == b"\xff\xff" and result[0] == 2:
                row, column = struct.unpack_from("<HH", stream, body)
                found.append((row + 1, column + 1, ERROR_CODES.get(result[2], "#N/A")))
        position = body + length
    return found
