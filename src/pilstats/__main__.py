"""``python -m pilstats``."""

import sys

from pilstats.cli import main

sys.exit(main())
