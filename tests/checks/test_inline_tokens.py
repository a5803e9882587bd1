"""The inline-tags check also guards the protected codes of TMX and XLIFF segments."""

import pytest

from reviews.checks import CHECKS_BY_ID, CheckContext


@pytest.mark.parametrize(
    ("source", "target", "problems"),
    [
        ("⟨1⟩浙江⟨/1⟩省", "⟨1⟩Zhejiang⟨/1⟩ Province", 0),
        ("⟨1⟩浙江⟨/1⟩省⟨2/⟩", "⟨1⟩Zhejiang⟨/1⟩ Province", 1),  # ⟨2/⟩ missing
        ("浙江省", "Zhejiang ⟨3/⟩ Province", 1),  # ⟨3/⟩ extra
        ("⟨1⟩浙江⟨/1⟩", "Zhejiang⟨/1⟩ ⟨1⟩", 0),  # reordered is still all there
    ],
)
def test_protected_tokens(source, target, problems):
    ctx = CheckContext(source=source, target=target, source_lang="zh-CN", target_lang="en")
    assert len(CHECKS_BY_ID["inline-tags"].check(ctx)) == problems
