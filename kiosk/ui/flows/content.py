"""Content packs (admin): the staff menu item, the screen and the work behind it.

Planning and installing read and copy many files, so they run through
``run_in_background``; the plan's problems are shown in plain Vietnamese.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.content.install import installed_packs
from kiosk.content.ops import install_pack, roll_back_pack
from kiosk.content.plan import InstallPlan, plan_install
from kiosk.navigation import Screen
from kiosk.staff.roles import Role
from kiosk.ui.flows.voice_packs import VoicePackSteps, voice_pack_in
from kiosk.ui.screens.staff.content_packs import ContentPacksScreen
from kiosk.ui.widgets import ask_folder
from kiosk.ui.worker import run_in_background

if TYPE_CHECKING:
    from collections.abc import Callable

    from kiosk.content.problems import Problem
    from kiosk.ui.flows.api import FlowHost

log = logging.getLogger(__name__)


def explain(tr: Callable[..., str], problem: Problem) -> str:
    """One located problem in plain Vietnamese: where it is, then what is wrong."""
    file = Path(problem.file).name
    place = f"{file} · {tr('content.lesson')} {problem.lesson}" if problem.lesson else file
    if problem.code:
        return f"{place}: {tr(f'content.problem.{problem.code}', **problem.values)}"
    where = ", ".join(x for x in (problem.step and f"step {problem.step}", problem.field) if x)
    # rare problems keep the validator's own words
    return f"{place}: {where}: {problem.message}" if where else f"{place}: {problem.message}"


class ContentFlow:
    def __init__(self, controller: FlowHost) -> None:
        self.c = controller
        self.plan: InstallPlan | None = None
        self.screen: ContentPacksScreen | None = None
        self.voices = VoicePackSteps(controller)  # a voice pack on the stick instead

    def builders(self) -> dict[Screen, Callable[[], QWidget]]:
        return {Screen.STAFF_CONTENT: self._build}

    @property
    def data_dir(self) -> Path:
        return self.c.services.paths.root

    def open(self) -> None:
        if self.c.visit.role is not Role.ADMIN:
            show = getattr(self.c.current_widget, "show_message", None)
            if callable(show):
                show(self.c.t("content.need_admin"))
            return
        self.c.show(Screen.STAFF_CONTENT)

    def _build(self) -> QWidget:
        t = self.c.t
        screen = ContentPacksScreen(t, removable_drives())
        screen.back_requested.connect(lambda: self.c.show(Screen.STAFF_MENU))
        screen.choose_folder_requested.connect(self._choose_folder)
        screen.folder_chosen.connect(lambda folder: self.check(Path(folder)))
        screen.install_requested.connect(self.install)
        screen.rollback_requested.connect(self.rollback)
        self.screen, self.plan = screen, None
        self._show_installed()
        return screen

    def _show_installed(self) -> None:
        if self.screen is None:
            return
        t = self.c.t
        lines = [
            t(
                "content.pack_line",
                title=p.manifest.title.text("vi"),
                id=p.manifest.id,
                version=p.manifest.version,
            )
            for p in self.c.services.content().packs
        ]
        target = self._rollback_target()
        label = None
        if target is not None:
            label = t("content.pack_version", id=target[0], version=target[1])
        self.screen.show_installed(t("content.in_use", packs="; ".join(lines)), label)

    def _rollback_target(self) -> tuple[str, int] | None:
        packs = [p for p in installed_packs(self.data_dir) if p.previous_versions]
        if self.plan is not None and self.plan.pack_id:
            packs = [p for p in packs if p.pack_id == self.plan.pack_id] or packs
        if not packs:
            return None
        below = [v for v in packs[0].previous_versions if v < packs[0].version]
        return packs[0].pack_id, (below or list(packs[0].previous_versions))[0]

    def _choose_folder(self) -> None:
        folder = ask_folder(self.screen, self.c.t("content.choose_folder"), Path.home())
        if folder is not None:
            self.check(folder)

    # Plan, install, roll back -------------------------------------------------------------

    def check(self, folder: Path) -> None:
        screen = self.screen
        if screen is None:
            return
        screen.show_source(str(folder))
        screen.show_checking()
        screen.show_message("")
        screen.set_busy(True)
        self.plan = None
        self.voices.plan = None
        voice_pack = voice_pack_in(folder)
        if voice_pack is not None:
            self.voices.check(screen, voice_pack)
            return
        data_dir = self.data_dir
        run_in_background(
            lambda: plan_install(folder, data_dir),
            self._show_plan,
            self._failed,
            context=screen,
        )

    def _show_plan(self, plan: InstallPlan) -> None:
        t = self.c.t
        self.plan = plan
        assert self.screen is not None
        self.screen.set_busy(False)
        if not plan.ok:
            lines = [(explain(t, p), True) for p in plan.problems]
            self.screen.show_plan(t("content.refused", n=len(plan.problems)), False, lines)
            self._show_installed()
            return
        rows: list[tuple[str, bool]] = []
        for key, changes in (
            ("content.new", plan.new),
            ("content.updated", plan.updated),
            ("content.removed", plan.removed),
        ):
            for change in changes:
                rows.append(
                    (
                        t(key, title=change.title, old=change.old_version, new=change.new_version),
                        False,
                    )
                )
        if plan.unchanged:
            rows.append((t("content.unchanged", n=len(plan.unchanged)), False))
        current = (
            t("content.current_version", version=plan.current_version)
            if plan.current_version
            else t("content.not_installed")
        )
        verdict = t(
            "content.ready", title=plan.title, id=plan.pack_id, version=plan.version, now=current
        )
        self.screen.show_plan(verdict, True, rows)
        self._show_installed()

    def install(self) -> None:
        if self.voices.plan is not None and self.screen is not None:
            self.voices.install(self.screen)
            return
        plan = self.plan
        if plan is None or not plan.ok or self.screen is None:
            return
        self.screen.set_busy(True)
        services = self.c.services
        run_in_background(
            lambda: install_pack(services, plan),
            lambda _: self._installed(plan),
            self._failed,
            context=self.screen,
        )

    def _installed(self, plan: InstallPlan) -> None:
        self.c.services.reload_content()
        self.plan = None
        assert self.screen is not None
        self.screen.set_busy(False)
        self.screen.show_plan("", False, [])
        self.screen.show_message(
            self.c.t("content.installed", id=plan.pack_id, version=plan.version)
        )
        self._show_installed()

    def rollback(self) -> None:
        target = self._rollback_target()
        if target is None or self.screen is None:
            return
        pack_id = target[0]
        services = self.c.services
        self.screen.set_busy(True)
        run_in_background(
            lambda: roll_back_pack(services, pack_id),
            lambda version: self._rolled_back(pack_id, version),
            self._failed,
            context=self.screen,
        )

    def _rolled_back(self, pack_id: str, version: int) -> None:
        self.c.services.reload_content()
        self.plan = None
        assert self.screen is not None
        self.screen.set_busy(False)
        self.screen.show_plan("", False, [])
        self.screen.show_message(self.c.t("content.rolled_back", id=pack_id, version=version))
        self._show_installed()

    def _failed(self, exc: BaseException) -> None:
        log.warning("content pack: %s", exc)
        if self.screen is not None:
            self.screen.set_busy(False)
            self.screen.show_message(self.c.t("content.failed", reason=str(exc)), error=True)
            self._show_installed()


def removable_drives() -> list[tuple[str, str]]:
    """(name, folder) of mounted USB sticks and memory cards: a quick guess, no probing."""
    from PySide6.QtCore import QStorageInfo

    found = []
    for volume in QStorageInfo.mountedVolumes():
        path = volume.rootPath()
        if not volume.isValid() or not volume.isReady() or volume.isRoot():
            continue
        if sys.platform == "win32":
            removable = not path.upper().startswith("C:")
        else:
            removable = path.startswith(("/media/", "/run/media/"))  # desktop auto-mounts
        if removable:
            found.append((volume.displayName() or Path(path).name, path))
    return found[:3]
