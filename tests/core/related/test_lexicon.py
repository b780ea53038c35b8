"""A term's weight is 1 + ln(its field-weighted count), as Python's logarithm gives it (a snapshot or a
stored suggestion made by another Ktav ranks the same)."""

import math

import numpy as np
import pytest

from editor.core.related.lexicon import saturated


@pytest.mark.parametrize("counts", [
    [1.0, 2.0, 1.25, 1.5, 3.75, 1.0, 2.0, 1000.25],  # field quarters (the title 2, the lead 1.5, the tags 1.25)
    [1.0, 1.1, 2.0, 3.3],  # anything else too
    [],
])
def test_each_weight_is_pythons_logarithm_of_its_count(counts):
    weights = saturated(np.array(counts, dtype=np.float64))
    assert weights.dtype == np.float32
    assert weights.tolist() == [float(np.float32(1.0 + math.log(count))) for count in counts]
