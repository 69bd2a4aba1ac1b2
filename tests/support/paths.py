"""Where the repository's own files are, for tests that read the docs or scripts beside the code."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
