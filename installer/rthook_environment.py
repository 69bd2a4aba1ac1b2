"""Run first in the built app, before PyInstaller's own run-time hooks: remember the environment.

PySide6's run-time hook then points QT_PLUGIN_PATH and QML2_IMPORT_PATH into the
bundle, and the values the user had are gone. From this record
hallmonitor.environment gives them back to the programs the app starts (the
file manager, the PDF viewer, pg_dump), which must not load the bundle's Qt.
Listed in hallmonitor.spec's runtime_hooks.
"""

import os
import sys

sys._hallmonitor_start_environ = dict(os.environ)
