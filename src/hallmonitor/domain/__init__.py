"""The supervision rules as pure Python.

Nothing here imports Qt, SQLAlchemy or openpyxl (an import-linter contract in
pyproject.toml enforces it), so the rules can be tested in milliseconds and
reused by the command line, the desktop app and the report writers alike.
"""
