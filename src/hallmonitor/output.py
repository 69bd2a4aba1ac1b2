"""The command line's standard output, kept working when its reader goes away."""

from __future__ import annotations

import os
from typing import Any


class ReaderGone:
    """Standard output that drops what is written once its reader has gone (``| head -1``).

    A command must finish its work whoever stops reading: a write to a closed
    pipe is not an error that may cut an import or the demo short, it only
    means nobody wants the rest of the output.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except BrokenPipeError:
            self._discard()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._discard()

    def _discard(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self._stream.fileno())
        finally:
            os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
