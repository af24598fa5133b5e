"""``python -m blogideas_gui``: the same entry point as the ``blogideas`` script."""

import sys

from blogideas_gui.app import main

sys.exit(main())
