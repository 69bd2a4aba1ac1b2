import sys

from hallmonitor.cli import main

sys.exit(main())
