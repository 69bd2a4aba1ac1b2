"""Reading a notice PDF back as a user's PDF reader would: search and copy see the text layer."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

#: Kangxi radicals and CJK radicals supplement: what a wrong text layer shows instead of 工, 日, 人, 心.
RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


def pdf_texts(path: Path) -> dict[str, str]:
    """The text layer by each available reader, whitespace removed (layout breaks lines anywhere)."""
    texts = {"pypdf": "".join(page.extract_text() for page in PdfReader(path).pages)}
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)
        texts["pdftotext"] = out.stdout
    return {reader: re.sub(r"\s+", "", text) for reader, text in texts.items()}


def assert_reads_back(path: Path, *expected: str) -> None:
    for reader, text in pdf_texts(path).items():
        assert not RADICALS.search(text), f"{reader} reads radicals: {RADICALS.findall(text)}"
        for needle in expected:
            assert needle in text, f"{reader} does not find {needle!r}"
