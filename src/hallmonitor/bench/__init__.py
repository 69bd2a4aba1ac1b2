"""How fast the app is on a busy hall, each figure against the bare libraries: ``python -m hallmonitor.bench``.

A tool for people comparing changes, above everything else: nothing in the app
imports it (an import-linter layer says so).
"""
