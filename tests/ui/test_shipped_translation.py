"""The compiled Hebrew translation that ships (the wheel and the frozen build carry the .qm alone) is the
one its .ts compiles to: a .ts edited without `pyside6-lrelease` fails here, not in a user's English window."""

import shutil
import subprocess
from pathlib import Path

import pytest

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


@pytest.mark.skipif(shutil.which("pyside6-lrelease") is None, reason="pyside6-lrelease is not installed")
def test_the_shipped_qm_is_compiled_from_the_current_ts(tmp_path):
    for ts in TRANSLATIONS.glob("*.ts"):
        compiled = tmp_path / f"{ts.stem}.qm"
        subprocess.run(["pyside6-lrelease", "-silent", str(ts), "-qm", str(compiled)], check=True)
        assert compiled.read_bytes() == ts.with_suffix(".qm").read_bytes(), (
            f"{ts.name} changed: run pyside6-lrelease {ts} -qm {ts.with_suffix('.qm')}")
