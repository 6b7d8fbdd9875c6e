# ruff: noqa: F811  (pytest fixtures imported from content_sample are used as arguments)
"""The checks a learner who cannot read relies on: a picture on every step, a voice per option."""

from __future__ import annotations

from typing import Any

from kiosk.content.loader import load_packs
from tests.helpers.content_sample import lesson_data, make_pack  # noqa: F401 (fixtures)


def test_a_step_without_a_picture_or_screen_is_refused(
    lesson_data: dict[str, Any], make_pack: Any
) -> None:
    del lesson_data["steps"][0]["picture"]  # the explain step
    del lesson_data["steps"][-1]["screen"]  # a quiz
    result = load_packs([make_pack("p", {"a.yaml": lesson_data})])
    found = {(p.step, p.code) for p in result.problems}
    assert {("intro", "visual"), ("q2", "visual")} <= found
    assert not result.lessons  # a lesson with problems is not offered


def test_a_quiz_option_without_narration_is_refused(
    lesson_data: dict[str, Any], make_pack: Any
) -> None:
    root = make_pack("p", {"a.yaml": lesson_data})
    (root / "media/audio/vi/all-kinds/q1.opt-c.opus").unlink()
    result = load_packs([root])
    (problem,) = [p for p in result.problems if p.code == "narration"]
    assert problem.step == "q1" and problem.values == {"option": "c"}
    assert "q1.opt-c" in problem.message


def test_a_recording_counts_as_narration(lesson_data: dict[str, Any], make_pack: Any) -> None:
    root = make_pack("p", {"a.yaml": lesson_data})
    (root / "media/audio/vi/all-kinds/q1.opt-c.opus").rename(
        root / "media/audio/vi/all-kinds/q1.opt-c.mp3"
    )
    assert load_packs([root]).ok
