"""The frozen app's entry script: the same ``main()`` as ``python -m blogideas_gui``.

PyInstaller needs a script file, not a module name; keeping it this thin means
the frozen app and the developer's app cannot drift apart.
"""

import sys

from blogideas_gui.app import main

if __name__ == "__main__":
    sys.exit(main())
