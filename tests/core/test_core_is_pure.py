"""The core never loads Qt: importing every core module leaves PySide6 out of sys.modules."""

import pkgutil
import subprocess
import sys

import editor.core


def test_importing_the_core_loads_no_qt():
    names = [f"editor.core.{m.name}" for m in pkgutil.iter_modules(editor.core.__path__)]
    code = "import sys\n" + "".join(f"import {n}\n" for n in names) + (
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(names) >= 3
