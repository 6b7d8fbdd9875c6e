"""Installing content packs from a folder: validated, diffed, atomic, with rollback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.content import install as installer
from kiosk.content.engine import LessonRun
from kiosk.content.install import (
    InstallError,
    active_pack_dirs,
    install,
    installed_packs,
    rollback,
)
from kiosk.content.loader import load_packs
from kiosk.content.plan import plan_install
from kiosk.paths import DataPaths
from kiosk.services import start_services
from tests.helpers.content_sample import voice_options

PACK_ID = "market"


def lesson(lesson_id: str, code: int, version: int = 1, title: str = "Bài chợ") -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": lesson_id,
        "code": code,
        "version": version,
        "title": {"vi": f"{title} {lesson_id}", "en": "Market lesson"},
        "summary": {"vi": "Bài thử cho chợ số"},
        "track": "e_payment",
        "target_groups": ["adults"],
        "estimated_minutes": 3,
        "icon": "media/icon.svg",
        "steps": [
            {
                "id": "intro",
                "kind": "explain",
                "picture": "media/icon.svg",
                "narration": {"vi": "Chào bạn đến chợ số."},
            },
            {
                "id": "quiz",
                "kind": "quiz",
                "picture": "media/icon.svg",
                "narration": {"vi": "Trước khi chuyển tiền, bạn kiểm tra gì?"},
                "options": [
                    {"id": "name", "text": {"vi": "Tên người nhận"}, "correct": True},
                    {"id": "color", "text": {"vi": "Màu của mã"}},
                    {"id": "size", "text": {"vi": "Cỡ của mã"}},
                ],
            },
        ],
    }


def write_pack(
    root: Path,
    version: int,
    lessons: list[dict[str, Any]],
    pack_id: str = PACK_ID,
    media: tuple[str, ...] = ("icon.svg",),
) -> Path:
    """A pack folder as it would arrive on a USB stick."""
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    (root / "media").mkdir(exist_ok=True)
    manifest = {
        "schema_version": 1,
        "id": pack_id,
        "version": version,
        "title": {"vi": "Gói Chợ số"},
        "lessons": [entry["id"] for entry in lessons],
    }
    (root / "pack.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), "utf-8")
    for entry in lessons:
        text = yaml.safe_dump(entry, allow_unicode=True)
        (root / "lessons" / f"{entry['id']}.yaml").write_text(text, "utf-8")
    for name in media:
        (root / "media" / name).write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", "utf-8")
    for entry in lessons:
        voice_options(root, entry)
    return root


def v1(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "usb1" / PACK_ID, 1, [lesson("market-a", 9001)])


def v2(tmp_path: Path) -> Path:
    lessons = [lesson("market-a", 9001, version=2), lesson("market-b", 9002)]
    return write_pack(tmp_path / "usb2" / PACK_ID, 2, lessons)


def active_ids(data_dir: Path) -> set[str]:
    return {e.lesson.id for e in load_packs(active_pack_dirs(data_dir)).lessons}


def plays(data_dir: Path, lesson_id: str) -> bool:
    """The lesson loads and a run can start on its first step."""
    result = load_packs(active_pack_dirs(data_dir))
    run = LessonRun.start(result.lesson(lesson_id).lesson, 0)
    return run.current_step is not None and not result.problems


def test_a_good_pack_installs_and_its_lessons_load(tmp_path: Path) -> None:
    data = tmp_path / "data"
    plan = plan_install(v1(tmp_path).parent, data)  # the USB stick's top folder is fine
    assert plan.ok, plan.problems
    assert [c.lesson_id for c in plan.new] == ["market-a"] and plan.current_version is None
    install(plan)
    assert (data / "packs" / PACK_ID / "pack.yaml").is_file()
    assert "market-a" in active_ids(data) and "device-touch" in active_ids(data)
    assert plays(data, "market-a")
    services = start_services(DataPaths(data))
    try:
        assert services.content().lesson("market-a").lesson.version == 1
    finally:
        services.close()
    assert [(p.pack_id, p.version) for p in installed_packs(data)] == [(PACK_ID, 1)]


def test_update_shows_what_changes_and_keeps_the_old_version(tmp_path: Path) -> None:
    data = tmp_path / "data"
    install(plan_install(v1(tmp_path), data))
    plan = plan_install(v2(tmp_path), data)
    assert plan.ok, plan.problems
    assert [(c.lesson_id, c.old_version, c.new_version) for c in plan.updated] == [
        ("market-a", 1, 2)
    ]
    assert [c.lesson_id for c in plan.new] == ["market-b"]
    install(plan)
    assert active_ids(data) >= {"market-a", "market-b"}
    assert (data / "packs" / ".previous" / f"{PACK_ID}-v1" / "pack.yaml").is_file()
    assert installed_packs(data)[0].previous_versions == (1,)

    older = plan_install(v1(tmp_path), data)
    assert not older.ok and any(
        "older than the installed version 2" in str(p) for p in older.problems
    )
    assert plan_install(v1(tmp_path), data, force=True).ok


def test_rollback_restores_the_previous_version(tmp_path: Path) -> None:
    data = tmp_path / "data"
    install(plan_install(v1(tmp_path), data))
    install(plan_install(v2(tmp_path), data))
    assert rollback(PACK_ID, data) == 1
    assert "market-b" not in active_ids(data)
    assert load_packs(active_pack_dirs(data)).lesson("market-a").lesson.version == 1
    assert installed_packs(data)[0].previous_versions == (2,)  # and back again if wanted
    with pytest.raises(InstallError):
        rollback("no-such-pack", data)


@pytest.mark.parametrize("breakage", ["yaml", "duplicate_code", "missing_media", "clash"])
def test_a_bad_pack_is_refused_and_the_old_one_still_plays(tmp_path: Path, breakage: str) -> None:
    data = tmp_path / "data"
    install(plan_install(v1(tmp_path), data))
    lessons = [lesson("market-a", 9001, version=2), lesson("market-b", 9002)]
    media: tuple[str, ...] = ("icon.svg",)
    if breakage == "duplicate_code":
        lessons[1]["code"] = 9001
    if breakage == "missing_media":
        media = ()
    if breakage == "clash":
        lessons[1]["code"] = 404  # safe-fake-qr, in the built-in pack
    bad = write_pack(tmp_path / "bad" / PACK_ID, 2, lessons, media=media)
    if breakage == "yaml":
        (bad / "lessons" / "market-b.yaml").write_text("id: market-b\nsteps: [\n", "utf-8")
    plan = plan_install(bad, data)
    assert not plan.ok
    expected, code, values = {
        "yaml": ("market-b.yaml: is not valid YAML (line 3", "yaml", {"line": 3}),
        "duplicate_code": (
            "lesson market-b, code: code 9001 is already used",
            "code",
            {"code": 9001, "other": "market-a"},
        ),
        "missing_media": (
            "lesson market-a, icon: media file 'media/icon.svg' does not exist",
            "media",
            {"file": "media/icon.svg"},
        ),
        "clash": (
            "lesson market-b, code: code 404 is already used by safe-fake-qr",
            "code",
            {"code": 404, "other": "safe-fake-qr"},
        ),
    }[breakage]
    found = [p for p in plan.problems if expected in str(p)]
    assert found, plan.problems
    assert (found[0].code, dict(found[0].values)) == (code, values)
    with pytest.raises(InstallError):
        install(plan)
    assert load_packs(active_pack_dirs(data)).lesson("market-a").lesson.version == 1
    assert plays(data, "market-a")


def test_a_pack_must_be_newer_than_the_built_in_one(tmp_path: Path) -> None:
    core = write_pack(tmp_path / "usb" / "core", 2, [lesson("x-lesson", 9100)], pack_id="core")
    plan = plan_install(core, tmp_path / "data")
    assert any("not newer than version 2 built into the kiosk" in str(p) for p in plan.problems)


def test_a_crash_between_the_renames_leaves_the_old_pack_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    install(plan_install(v1(tmp_path), data))
    plan = plan_install(v2(tmp_path), data)
    real = os.replace
    calls: list[tuple[str, str]] = []

    def second_fails(src: Any, dst: Any) -> None:
        calls.append((str(src), str(dst)))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(installer.os, "replace", second_fails)
    with pytest.raises(InstallError):
        install(plan)
    monkeypatch.setattr(installer.os, "replace", real)
    assert load_packs(active_pack_dirs(data)).lesson("market-a").lesson.version == 1
    assert "market-b" not in active_ids(data) and plays(data, "market-a")
    assert not list((data / "packs").glob(".staging-*"))


def test_power_cut_between_the_renames_is_finished_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process dies after moving the old pack away: no undo runs. The journal lets
    the next start put a whole pack (the validated new one) in place."""
    data = tmp_path / "data"
    install(plan_install(v1(tmp_path), data))
    plan = plan_install(v2(tmp_path), data)
    real = os.replace
    calls: list[int] = []

    class PowerCut(BaseException):
        pass

    def cut(src: Any, dst: Any) -> None:
        calls.append(1)
        if len(calls) >= 2:
            raise PowerCut
        real(src, dst)

    monkeypatch.setattr(installer.os, "replace", cut)
    monkeypatch.setattr(installer.shutil, "rmtree", lambda *a, **k: None)  # the process is gone
    with pytest.raises(PowerCut):
        install(plan)
    monkeypatch.undo()
    assert not (data / "packs" / PACK_ID).exists()  # half-way: neither folder in place
    versions = load_packs(active_pack_dirs(data)).lesson("market-a").lesson.version
    assert versions in (1, 2) and plays(data, "market-a")
    assert not list((data / "packs").glob(".install-*"))


@pytest.mark.parametrize("kind", ["zero_link", "media_link", "fifo"])
def test_a_pack_with_a_link_or_special_file_is_refused_before_reading(
    tmp_path: Path, kind: str
) -> None:
    data = tmp_path / "data"
    install(plan_install(v1(tmp_path), data))
    pack = write_pack(tmp_path / "bad" / PACK_ID, 2, [lesson("market-a", 9001, version=2)])
    if kind == "zero_link":  # passes a size check (0 bytes) and never ends when read
        (pack / "lessons" / "market-a.yaml").unlink()
        (pack / "lessons" / "market-a.yaml").symlink_to("/dev/zero")
    elif kind == "media_link":
        (pack / "media" / "secrets").symlink_to(data / "secrets", target_is_directory=True)
    else:
        os.mkfifo(pack / "media" / "sound.ogg")  # a reader would wait forever
    plan = plan_install(pack.parent, data)
    assert not plan.ok and plan.pack_id is None
    expected = {"zero_link": "market-a.yaml: is a symbolic link",
                "media_link": "secrets: is a symbolic link",
                "fifo": "sound.ogg: is a special file (FIFO"}[kind]  # fmt: skip
    assert len(plan.problems) == 1 and expected in str(plan.problems[0]), plan.problems
    with pytest.raises(InstallError):
        install(plan)
    assert plays(data, "market-a")


def test_a_link_put_in_after_planning_is_refused_on_the_copy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    source = v1(tmp_path)
    plan = plan_install(source, data)
    assert plan.ok
    (source / "media" / "zero.svg").symlink_to("/dev/zero")
    with pytest.raises(InstallError, match=r"zero\.svg: is a symbolic link"):
        install(plan)
    assert "market-a" not in active_ids(data)
    assert not any((data / "packs").glob(".staging-*"))
