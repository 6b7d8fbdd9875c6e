"""Voice packs on the staff "Gói bài học" screen: a ``.hocso-voice`` file on a USB stick.

The content flow hands a chosen folder here when it holds a voice pack: the plan (clips
added, replaced, out of date for this kiosk's lessons, kept for lessons it has not) is
shown before anything is installed, and the pack's problems in plain Vietnamese.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.ui.worker import run_in_background

if TYPE_CHECKING:
    from kiosk.ui.flows.api import FlowHost
    from kiosk.ui.screens.staff.content_packs import ContentPacksScreen
    from kiosk.voices.packs import VoiceInstallPlan
    from kiosk.voices.packs_read import VoiceProblem

log = logging.getLogger(__name__)

PACK_SUFFIX = ".hocso-voice"
# Problems with their own words; any other is named by its code.
EXPLAINED = frozenset(
    {
        "untrusted",
        "unsigned",
        "bad_signature",
        "not_newer",
        "damaged",
        "not_a_pack",
        "wrong_hash",
        "missing",
        "too_large",
        "unsafe_path",
        "link",
        "bad_manifest",
        "format_version",
        "bad_language",
        "unreadable",
    }
)


def voice_pack_in(folder: Path) -> Path | None:
    """The voice pack a chosen folder holds (the newest by name), or the file itself."""
    if folder.is_file():
        return folder if folder.suffix == PACK_SUFFIX else None
    try:
        found = sorted(p for p in folder.glob(f"*{PACK_SUFFIX}") if p.is_file())
    except OSError:
        return None
    return found[-1] if found else None


def explain(tr: Callable[..., str], problem: VoiceProblem) -> str:
    if problem.code in EXPLAINED:
        return tr(f"voicepack.problem.{problem.code}")
    return tr("voicepack.problem.other", code=problem.code)


class VoicePackSteps:
    """Check, then install, one voice pack; the screen is the content flow's."""

    def __init__(self, controller: FlowHost) -> None:
        self.c = controller
        self.plan: VoiceInstallPlan | None = None

    def check(self, screen: ContentPacksScreen, source: Path) -> None:
        from kiosk.voices.ops import plan_voices

        services = self.c.services
        self.plan = None
        run_in_background(
            lambda: plan_voices(services, source),
            lambda plan: self._show_plan(screen, plan),
            lambda exc: self._failed(screen, exc),
            context=screen,
        )

    def _show_plan(self, screen: ContentPacksScreen, plan: VoiceInstallPlan) -> None:
        t = self.c.t
        screen.set_busy(False)
        if not plan.ok:
            rows = [(explain(t, p), True) for p in plan.problems]
            screen.show_plan(t("voicepack.refused"), False, rows)
            return
        self.plan = plan
        name = self._language_name(plan.lang or "")
        current = (
            t("voicepack.current", version=plan.current_version)
            if plan.current_version
            else t("voicepack.new_language")
        )
        verdict = t("voicepack.ready", name=name, version=plan.version, now=current)
        rows = [
            (t("voicepack.added", n=len(plan.added)), False),
            (t("voicepack.replaced", n=len(plan.replaced)), False),
        ]
        if plan.out_of_date:
            rows.append((t("voicepack.out_of_date", n=len(plan.out_of_date)), True))
        if plan.other_lessons:
            rows.append((t("voicepack.other_lessons", n=len(plan.other_lessons)), False))
        if plan.test_data:
            rows.append((t("voicepack.test_data"), True))
        screen.show_plan(verdict, True, rows)

    def _language_name(self, code: str) -> str:
        names = {lang.code: lang.name for lang in self.c.services.hearing_languages()}
        return names.get(code, code)

    def install(self, screen: ContentPacksScreen) -> None:
        from kiosk.voices.ops import install_voices

        plan = self.plan
        if plan is None or not plan.ok:
            return
        services, actor = self.c.services, self.c.visit.actor
        screen.set_busy(True)
        run_in_background(
            lambda: install_voices(services, plan, actor),
            lambda _: self._installed(screen, plan),
            lambda exc: self._failed(screen, exc),
            context=screen,
        )

    def _installed(self, screen: ContentPacksScreen, plan: VoiceInstallPlan) -> None:
        self.plan = None
        screen.set_busy(False)
        screen.show_plan("", False, [])
        name = self._language_name(plan.lang or "")
        screen.show_message(self.c.t("voicepack.installed", name=name, version=plan.version))

    def _failed(self, screen: ContentPacksScreen, exc: BaseException) -> None:
        log.warning("voice pack: %s", exc)
        self.plan = None
        screen.set_busy(False)
        problem = getattr(exc, "problem", None)
        reason = explain(self.c.t, problem) if problem is not None else str(exc)
        screen.show_message(self.c.t("voicepack.failed", reason=reason), error=True)
