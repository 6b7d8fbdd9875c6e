# ruff: noqa: F811  (pytest fixtures imported from content_sample are used as arguments)
"""Loading packs: the built-in pack, located problems, cross-field checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.content.loader import builtin_packs_dir, load_lesson_file, load_packs
from kiosk.content.schema import Lesson, Track
from tests.helpers.content_sample import lesson, lesson_data, make_pack  # noqa: F401 (fixtures)


def test_builtin_packs_are_valid_and_cover_every_step_kind() -> None:
    result = load_packs()
    assert result.ok, [str(p) for p in result.problems]
    ids = [e.lesson.id for e in result.lessons]
    assert ids == list(result.packs[0].manifest.lessons or [])  # pack.yaml order
    assert {"vneid-activate-practice", "vietqr-pay-practice"} <= set(ids)
    kinds = {s.kind for e in result.lessons for s in e.lesson.steps}
    assert kinds == {
        "explain",
        "tap",
        "long_press",
        "swipe",
        "type_text",
        "pick",
        "keypad",
        "scan_qr",
        "quiz",
    }
    modes = {s.mode for e in result.lessons for s in e.lesson.steps if s.kind == "quiz"}
    assert modes == {"single", "multiple"}
    for entry in result.lessons:
        assert entry.lesson.title.has("en") and entry.lesson.title.has("vi")
        icon = entry.media(entry.lesson.icon)
        assert icon is not None and icon.is_file()
    assert result.lesson("vneid-activate-practice").lesson.track is Track.VNEID


def test_builtin_practice_data_is_visibly_practice() -> None:
    text = "".join(
        p.read_text(encoding="utf-8")
        for p in (builtin_packs_dir() / "core" / "lessons").glob("*.yaml")
    )
    assert "Nguyễn Văn Mẫu" in text or "NGUYEN VAN MAU" in text
    assert "LUYEN TAP" in text


def test_text_falls_back_to_vietnamese(lesson: Lesson) -> None:
    assert lesson.title.text("en") == "Every step kind"
    assert lesson.title.text("tdd") == "Mọi loại bước"
    assert lesson.step("pin").narration.text("en") == "Nhập mã PIN luyện tập 2468"


def lines(result: Any) -> list[str]:
    return [str(p) for p in result.problems]


def test_a_valid_pack_loads(make_pack: Any, lesson_data: dict[str, Any]) -> None:
    root = make_pack("p", {"a.yaml": lesson_data})
    result = load_packs([root])
    assert result.ok, lines(result)
    assert result.lessons[0].media("media/intro-vi.ogg") == root / "media" / "intro-vi.ogg"


def only(result: Any) -> str:
    assert len(result.problems) == 1, lines(result)
    assert not result.lessons
    return str(result.problems[0])


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["steps"][1].pop("target"), "lesson all-kinds, step tap, target: is missing"),
        (
            lambda d: d["steps"][1].update(target="nope"),
            "lesson all-kinds, step tap, target: no element 'nope' on the step's screen",
        ),
        (
            lambda d: d["steps"][4].update(target="btn"),
            "step type, target: 'btn' is a button; this step needs a text_field",
        ),
        (
            lambda d: d["steps"][2].update(id="tap"),
            "step tap: step id 'tap' is used 2 times; step ids must be unique",
        ),
        (
            lambda d: d["screens"]["main"]["elements"][3].update(id="status"),
            "screens.main: element id 'status' is used 2 times on this screen",
        ),
        (
            lambda d: d["steps"][3].update(screen="gone"),
            "step swipe, screen: no screen 'gone' in the lesson's 'screens'",
        ),
        (
            lambda d: d["steps"][0]["audio"].update(en="media/missing.ogg"),
            "step intro, audio.en: media file 'media/missing.ogg' does not exist in the pack",
        ),
        (
            lambda d: d["steps"][0]["audio"].update(en="../secret.ogg"),
            "step intro, audio.en: must be a path inside the pack's media folder",
        ),
        (
            lambda d: d["steps"][6].update(expected=2468),
            "step pin, expected: must be text: put the digits in quotes",
        ),
        (
            lambda d: d["steps"][6].update(narration={"vi": "Nhập mã PIN của bạn"}),
            "step pin, narration: must tell the learner the practice value '2468'",
        ),
        (
            lambda d: d["steps"][6].update(expected="24680", narration={"vi": "Nhập 24680"}),
            "step pin, expected: has 5 digits; the keypad takes 4",
        ),
        (
            lambda d: d["steps"][8]["options"][1].update(correct=True),
            "step q1, options: a single-choice quiz needs exactly one correct option, not 2",
        ),
        (lambda d: d["steps"][1].update(kind="wave"), "step tap, kind: unknown kind 'wave'"),
        (lambda d: d["steps"][1].update(colour="red"), "step tap, colour: is not a known field"),
        (lambda d: d.update(title={"en": "x"}), "lesson all-kinds, title: needs a Vietnamese"),
        (lambda d: d.update(schema_version=2), "schema_version: 2 is newer than this kiosk"),
        (
            lambda d: d["screens"]["main"]["elements"][7].update(payload="000201010212 no marker"),
            "looks like a payment code but is not a valid VietQR code",
        ),
        (
            lambda d: d["steps"][5]["narration"].update(en="ID 001234567890"),
            "step pick, narration: a 12-digit number here could be a real citizen ID",
        ),
        (
            lambda d: d["steps"][1]["feedback"]["elements"].update(ghost={"vi": "x"}),
            "step tap, feedback.elements.ghost: no element with this id on the screen",
        ),
        (
            lambda d: d["steps"][4]["rule"].update(match="regex", pattern="(", values=[]),
            "step type, rule: 'pattern' is not a valid regular expression",
        ),
        (
            lambda d: d["steps"][1]["hints"][0].update(after_wrong=None),
            "step tap, hints[1]: a hint needs 'after_wrong' or 'after_seconds'",
        ),
        (
            lambda d: d["screens"]["main"]["elements"].pop(6),
            "step scan, screen: a scan_qr step needs a camera_viewfinder element",
        ),
    ],
)
def test_problems_are_located(
    make_pack: Any, lesson_data: dict[str, Any], change: Any, expected: str
) -> None:
    change(lesson_data)
    root = make_pack("p", {"a.yaml": lesson_data})
    line = only(load_packs([root]))
    assert line.startswith(str(root / "lessons" / "a.yaml") + ": ") or "lessons/a.yaml: " in line
    assert expected in line


def test_yaml_syntax_error_names_the_line(make_pack: Any) -> None:
    root = make_pack("p", {"bad.yaml": "id: x\nsteps: [\n  - oops\n"})
    line = only(load_packs([root]))
    assert "bad.yaml: is not valid YAML (line" in line


def test_comma_in_flow_text_is_explained(make_pack: Any, lesson_data: dict[str, Any]) -> None:
    import yaml

    text = yaml.safe_dump(lesson_data, allow_unicode=True)
    text = text.replace("id: all-kinds", "id: all-kinds\nicon_text: {vi: a, b}", 1)
    root = make_pack(
        "p",
        {
            "a.yaml": text.replace("icon_text", "summary").replace(
                "summary:\n  en: A test lesson\n  vi: Bài thử\n", "", 1
            )
        },
    )
    assert "a comma splits the text" in only(load_packs([root]))


def test_lesson_ids_are_unique_across_packs(make_pack: Any, lesson_data: dict[str, Any]) -> None:
    one = make_pack("one", {"a.yaml": lesson_data})
    two = make_pack("two", {"b.yaml": lesson_data})
    result = load_packs([one, two])
    assert len(result.lessons) == 1
    assert lines(result) == [
        f"{two / 'lessons' / 'b.yaml'}: lesson all-kinds, id: the id is already used by "
        f"{one / 'lessons' / 'a.yaml'}"
    ]


def test_folder_of_packs_and_single_files(
    make_pack: Any, lesson_data: dict[str, Any], tmp_path: Path
) -> None:
    root = make_pack("usb/p", {"a.yaml": lesson_data}, pack_id="p")
    assert [e.lesson.id for e in load_packs([tmp_path / "usb"]).lessons] == ["all-kinds"]
    single = load_packs([root / "lessons" / "a.yaml"])
    assert single.ok and single.lessons[0].pack.root == root / "lessons"
    assert "does not exist" in lines(load_packs([tmp_path / "nowhere"]))[0]
    assert "holds no content pack" in lines(load_packs([tmp_path]))[0]


def test_broken_manifest_is_reported(make_pack: Any, lesson_data: dict[str, Any]) -> None:
    root = make_pack("p", {"a.yaml": lesson_data})
    (root / "pack.yaml").write_text("schema_version: 1\nid: Bad Id\n", encoding="utf-8")
    problems = lines(load_packs([root]))
    assert any("pack.yaml: id: must be an id" in p for p in problems)
    assert any("pack.yaml: version: is missing" in p for p in problems)


def test_manifest_order_must_name_loaded_lessons(
    make_pack: Any, lesson_data: dict[str, Any]
) -> None:
    import yaml

    root = make_pack("p", {"a.yaml": lesson_data})
    manifest = yaml.safe_load((root / "pack.yaml").read_text(encoding="utf-8"))
    manifest["lessons"] = ["all-kinds", "ghost"]
    (root / "pack.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    assert "lists lesson 'ghost'" in only_problem(load_packs([root]))


def only_problem(result: Any) -> str:
    assert len(result.problems) == 1, lines(result)
    return str(result.problems[0])


def test_not_utf8_and_not_a_map(tmp_path: Path) -> None:
    bad = tmp_path / "a.yaml"
    bad.write_bytes(b"id: \xff\xfe")
    assert "is not UTF-8 text" in str(load_lesson_file(bad, None)[1][0])
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    assert "must be a YAML map" in str(load_lesson_file(bad, None)[1][0])
