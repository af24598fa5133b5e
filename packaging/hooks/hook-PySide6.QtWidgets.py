# Replaces PyInstaller's own hook for this module (hooks in the spec's
# hookspath win): the same collection, minus the Qt plugins, translations and
# libraries BlogIdeas does not use. The reasons are in qt_keep.py.
import os
import runpy

_keep = runpy.run_path(os.path.join(os.path.dirname(__file__), "qt_keep.py"))
hiddenimports, binaries, datas = _keep["qt_dependencies"](__file__)
