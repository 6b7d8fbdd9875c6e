"""Translation round trip: export-strings -> CSV -> import-strings -> overlay files."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml

from kiosk.content.cli import main
from kiosk.content.loader import builtin_packs_dir, load_packs
from kiosk.content.overlay import overlay_path
from kiosk.content.strings import check_translation, export_strings, import_strings


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    """A copy of the built-in packs."""
    target = tmp_path / "packs"
    shutil.copytree(builtin_packs_dir(), target)  # with its narration: options need it
    return target


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _write(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _strip_lang(root: Path, lang: str) -> None:
    """Remove ``lang`` from every lesson file, as if it had never been translated inline."""
    for file in root.glob("*/lessons/*.yaml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))

        def walk(node: object) -> None:
            if isinstance(node, dict):
                if "vi" in node and isinstance(node.get(lang), str):
                    del node[lang]
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(data)
        file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_export_import_round_trip(packs: Path) -> None:
    before = {e.lesson.id: e.lesson for e in load_packs([packs]).lessons}
    exported = export_strings([packs], "en")
    rows = _rows(exported)
    assert rows[0] == ["file", "lesson_id", "step_id", "field", "key", "vi", "en"]
    assert all(r[6] for r in rows[1:]), "every text has an English translation"
    assert len({(r[1], r[4]) for r in rows[1:]}) == len(rows) - 1, "keys are unique"
    _strip_lang(packs, "en")
    stripped = load_packs([packs])
    assert stripped.ok and all("en" not in e.lesson.title.root for e in stripped.lessons)
    report = import_strings(exported, [packs])
    assert report.ok and not report.warnings, report.errors
    assert report.translated == len(rows) - 1
    assert report.written == [overlay_path(packs / "core", "en")]
    after = load_packs([packs])
    assert after.ok, [str(p) for p in after.problems]
    for entry in after.lessons:  # the very same lessons as before
        assert entry.lesson == before[entry.lesson.id], entry.lesson.id
    # The same rows (stripping re-wrote the lesson files, so the order may differ).
    assert sorted(_rows(export_strings([packs], "en"))) == sorted(rows)


def test_import_reports_every_bad_line_and_writes_nothing(packs: Path) -> None:
    rows = _rows(export_strings([packs], "tdd"))
    assert all(r[6] == "" for r in rows[1:])
    rows[1][6] = "ꪶꪀ꫁"  # a Tai Viet text
    rows[2][1] = "no-such-lesson"
    rows[3][4] = "steps/ghost/narration"
    otp = next(r for r in rows if "246810" in r[5] and r[4].endswith("narration"))
    otp[6] = "a translation that lost the practice code"
    changed = next(r for r in rows[5:] if r[6] == "" and r is not otp)
    changed[5] = changed[5] + " (old)"
    report = import_strings(_write(rows), [packs])
    assert not report.ok and report.written == []
    text = "\n".join(report.errors)
    assert "line 3 (no-such-lesson" in text and "no lesson 'no-such-lesson'" in text
    assert "line 4" in text and "the lesson has no text with this key" in text
    assert "the number 246810 from the Vietnamese text is missing" in text
    assert "has changed since the export" in text
    assert any("not translated (empty cell)" in w for w in report.warnings)
    assert not overlay_path(packs / "core", "tdd").exists()


def test_partial_translation_shows_and_goes_stale(packs: Path) -> None:
    rows = _rows(export_strings([packs], "hmn"))
    title = next(r for r in rows if r[1] == "device-touch" and r[4] == "title")
    title[6] = "Kov tes rau"
    report = import_strings(_write([rows[0], title]), [packs])
    assert report.ok and report.translated == 1
    lesson = load_packs([packs]).lesson("device-touch").lesson
    assert lesson.title.text("hmn") == "Kov tes rau"
    assert lesson.summary.text("hmn") == lesson.summary.text("vi")  # falls back
    # The author changes the Vietnamese title: the stale translation is no longer shown.
    file = packs / "core" / "lessons" / "device-touch.yaml"
    source = file.read_text(encoding="utf-8")
    file.write_text(source.replace('"Chạm, nhấn giữ và vuốt"', '"Chạm và vuốt"'), encoding="utf-8")
    result = load_packs([packs])
    assert result.ok and not result.lesson("device-touch").lesson.title.has("hmn")


def test_overlay_for_a_missing_text_is_a_problem(packs: Path) -> None:
    target = overlay_path(packs / "core", "tdd")
    target.parent.mkdir(parents=True, exist_ok=True)
    entry = {"vi": "x", "text": "y"}
    target.write_text(
        yaml.safe_dump(
            {
                "schema_version": 1,
                "lang": "tdd",
                "lessons": {"device-touch": {"steps/ghost/narration": entry}, "gone": {}},
            }
        ),
        encoding="utf-8",
    )
    result = load_packs([packs])
    messages = [str(p) for p in result.problems]
    assert any("steps/ghost/narration: no such text" in m for m in messages)
    assert any("lesson 'gone', which is missing" in m for m in messages)
    assert len(result.lessons) >= 20  # the lessons themselves still load


def test_check_translation() -> None:
    assert check_translation("Nhập mã 246810.", "Enter code 246810.") is None
    assert check_translation("Số tiền 20.000 đồng", "Amount 20,000 dong") is None
    assert "20000" in (check_translation("Số tiền 20.000 đồng", "Amount 2,000") or "")
    assert check_translation("Chào {name}", "Hello") is not None


def test_cli_export_and_import(
    packs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "en.csv"
    assert main(["export-strings", "--lang", "en", "--out", str(out), str(packs)], tmp_path) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets see UTF-8
    assert "texts)" in capsys.readouterr().out
    assert main(["import-strings", str(out), str(packs)], tmp_path) == 0
    assert "OK:" in capsys.readouterr().out
    assert main(["export-strings", "--lang", "vi", str(packs)], tmp_path) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n", encoding="utf-8")
    assert main(["import-strings", str(bad), str(packs)], tmp_path) == 1
    assert "nothing was imported" in capsys.readouterr().err
