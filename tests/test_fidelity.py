"""Both reference papers read back whole from the rendered PDFs (../shared/tools/fidelity.py)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import SEEDS


def recall(shared, reference, rendered) -> float:
    """Run the project's shared fidelity tool and return the recall it prints."""
    run = subprocess.run(
        [sys.executable, str(shared / "tools" / "fidelity.py"), str(reference), *map(str, rendered)],
        check=True, capture_output=True, text=True)
    return float(re.search(r"^recall (\d\.\d+)", run.stdout, re.M).group(1))


@pytest.mark.parametrize("house", ["uppsala", "stockholm"])
def test_seed_reads_back_from_the_pdfs(shared, built_pdfs, house):
    # Uppsala: the tjänsteskrivelse and its bilaga together, in order.
    assert recall(shared, SEEDS[house], built_pdfs[house]) >= 0.97
