# ruff: noqa: F811  (pytest fixtures imported from content_sample are used as arguments)
"""The complete example in docs/authoring.md is a valid lesson."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kiosk.content.loader import load_packs
from tests.helpers.content_sample import make_pack  # noqa: F401 (fixtures)

DOC = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"


def test_the_documented_example_validates(make_pack: Any) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    example = next(b for b in blocks if "id: fake-police-call" in b)
    media = ["icon-calls.svg", "police-call.svg", "otp-sms.svg", "fake-police-intro-vi.ogg"]
    root = make_pack("p", {"call-scam.yaml": example}, media=media)
    result = load_packs([root])
    assert result.ok, [str(p) for p in result.problems]
    assert [s.kind for s in result.lessons[0].lesson.steps] == ["explain", "tap", "quiz"]
