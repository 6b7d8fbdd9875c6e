"""The end of a lesson: passed or not, the score, what to practise again, how to get a slip."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content.events import RunResult, StepStatus
from kiosk.content.schema import Lesson
from kiosk.ui.widgets import button, label

# More missed skills than this are summed up by the first ones: the page must fit 1366×768.
SHOWN_SKILLS = 4


class ResultView(QWidget):
    """What the learner reads (and hears) at the end of a lesson."""

    def __init__(self, tr: Callable[..., str]) -> None:
        super().__init__()
        self.setObjectName("lesson-result")
        self._tr = tr
        column = QVBoxLayout(self)
        column.setContentsMargins(64, 40, 64, 40)
        column.setSpacing(18)
        column.addStretch(1)
        self.title = label("", "title", center=True)
        self.detail = label("", "lead", center=True)
        self.score = label("", "heading", center=True)
        self.practise = label("", "lead", center=True)
        self.practise.setObjectName("practise-again")
        self.slip = label("", "lead", center=True)
        self.slip.setObjectName("slip-how")
        for widget in (self.title, self.detail, self.score, self.practise, self.slip):
            column.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        self.listen_button = button(tr("player.listen_again"), "listen-again")
        self.retry = button(tr("player.retry"), "result-retry")
        self.to_list = button(tr("player.to_list"), "primary")
        for action in (self.listen_button, self.retry, self.to_list):
            row.addWidget(action)
            row.addSpacing(16)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)
        self.passed = False

    def show_run(
        self, lesson: Lesson, result: RunResult, skills: Sequence[str], slip_key: str | None
    ) -> None:
        """Fill the page from a finished run."""
        records = dict(zip([s.id for s in lesson.steps], result.records, strict=True))
        quiz = [records[s.id] for s in lesson.steps if s.is_quiz]
        practice = [records[s.id] for s in lesson.steps if s.is_practice]
        self.show_result(
            result.passed,
            (sum(r.status is StepStatus.DONE for r in quiz), len(quiz)),
            (sum(r.status is StepStatus.DONE for r in practice), len(practice)),
            skills,
            slip_key,
        )

    def show_result(
        self,
        passed: bool,
        quiz: tuple[int, int],
        practice: tuple[int, int],
        skills: Sequence[str],
        slip_key: str | None,
    ) -> None:
        """Fill the page; ``skills`` are what to practise again, ``slip_key`` how to get a slip."""
        tr = self._tr
        self.passed = passed
        self.title.setText(tr("result.passed" if passed else "result.not_passed"))
        self.detail.setText("" if passed else tr("player.result_failed_body"))
        self.detail.setVisible(not passed)
        lines = []
        if quiz[1]:
            lines.append(tr("player.result_quiz", right=quiz[0], total=quiz[1]))
        if practice[1]:
            lines.append(tr("player.result_practice", done=practice[0], total=practice[1]))
        self.score.setText("\n".join(lines))
        shown = [f"• {skill}" for skill in skills[:SHOWN_SKILLS]]
        self.practise.setText("\n".join([tr("result.practise_again"), *shown]) if shown else "")
        self.practise.setVisible(bool(shown))
        self.slip.setText(tr(slip_key) if slip_key else "")
        self.slip.setVisible(slip_key is not None)


def slip_line(is_guest: bool, passed: bool) -> str | None:
    """What the result says about the slip: a guest's results are not kept; a registered
    learner who passed asks the staff to print it; otherwise nothing."""
    if is_guest:
        return "result.slip_guest"
    return "result.slip_registered" if passed else None
