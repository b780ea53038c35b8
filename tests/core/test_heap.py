"""The export's C heap keeps what it frees (glibc), and nothing is asked of another system's C library."""

import subprocess
import sys

import pytest

from editor.core import heap


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_a_process_that_keeps_its_freed_memory_faults_fewer_pages_in_for_the_same_work():
    work = ("import resource, sys\nimport numpy as np\nfrom editor.core.heap import keep_freed_memory\n"
            "if sys.argv[1] == 'keep': assert keep_freed_memory()\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
            "for _ in range(100):\n    a = np.ones(500_000); b = a + a; del a, b\n"  # 4 MB each, as the ranking's
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)\n")
    faults = {how: int(subprocess.run([sys.executable, "-c", work, how], capture_output=True, text=True,
                                      check=True).stdout) for how in ("keep", "give-back")}
    assert faults["keep"] * 10 < faults["give-back"]


def test_elsewhere_nothing_is_asked(monkeypatch):
    monkeypatch.setattr(heap.sys, "platform", "darwin")
    assert heap.keep_freed_memory() is False
