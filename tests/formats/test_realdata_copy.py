"""fixtures/realdata is a byte-for-byte copy of ../shared/realdata."""

from pathlib import Path

import pytest

from tests.formats.support import REALDATA

SHARED = Path(__file__).resolve().parents[3] / "shared" / "realdata"


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not beside this checkout")
def test_copies_are_identical():
    originals = sorted(p for p in SHARED.rglob("*") if p.is_file())
    assert originals
    for original in originals:
        assert (REALDATA / original.relative_to(SHARED)).read_bytes() == original.read_bytes()
