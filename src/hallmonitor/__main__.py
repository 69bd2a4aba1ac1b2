from hallmonitor.cli import run

run()
