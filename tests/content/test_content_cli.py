# ruff: noqa: F811  (pytest fixtures imported from content_sample are used as arguments)
"""``kiosk content validate | list | schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.content.cli import json_schema, main
from kiosk.content.loader import builtin_packs_dir
from tests.helpers.content_sample import lesson_data, make_pack  # noqa: F401 (fixtures)

DOCS_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "lesson.schema.json"


def run(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    code = main(argv, tmp_path / "data")
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_builtin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate"], tmp_path, capsys)
    assert code == 0 and out.startswith("OK: ") and " lessons in 1 pack" in out and not err


def test_validate_reports_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make_pack: Any, lesson_data: dict[str, Any]
) -> None:
    import copy

    other = copy.deepcopy(lesson_data)
    lesson_data["steps"][1]["target"] = "nope"  # found by the cross-field checks
    other["steps"][6]["expected"] = 2468  # found by the schema
    root = make_pack("p", {"a.yaml": lesson_data, "b.yaml": "steps: [unclosed\n", "c.yaml": other})
    code, out, err = run(["validate", str(root)], tmp_path, capsys)
    assert code == 1 and not out
    problems = err.strip().splitlines()
    assert len(problems) == 3 and "Traceback" not in err
    assert all(p.split(": ", 1)[0].endswith(".yaml") for p in problems)
    assert any("lesson all-kinds, step tap, target: no element 'nope'" in p for p in problems)
    assert any("lesson all-kinds, step pin, expected: must be text" in p for p in problems)


def test_list_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["list", "--json"], tmp_path, capsys)
    rows = json.loads(out)
    manifest = yaml.safe_load((builtin_packs_dir() / "core" / "pack.yaml").read_text("utf-8"))
    assert code == 0 and [r["id"] for r in rows] == manifest["lessons"]
    first = next(r for r in rows if r["id"] == "vneid-activate-practice")
    assert first["track"] == "vneid" and first["steps"] == 21 and first["code"] == 203
    assert set(first["target_groups"]) == {"public_staff", "pupils", "adults", "workers"}
    assert first["languages"]["vi"] == {"text": 1.0, "audio": 1.0}
    assert first["languages"]["en"]["text"] == 1.0


def test_list_coverage_counts_partial_translations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make_pack: Any, lesson_data: dict[str, Any]
) -> None:
    root = make_pack("p", {"a.yaml": lesson_data})
    _, out, _ = run(["list", "--json", str(root)], tmp_path, capsys)
    langs = json.loads(out)[0]["languages"]
    assert langs["vi"] == {"text": 1.0, "audio": 0.1}
    assert langs["en"] == {"text": 0.1, "audio": 0.0}  # only the intro is all English
    _code, out, _ = run(["list", str(root)], tmp_path, capsys)
    assert "all-kinds" in out and "en text 10% audio 0%" in out


def test_schema_out_and_committed_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "lesson.schema.json"
    code, _, _ = run(["schema", "--out", str(target)], tmp_path, capsys)
    written = json.loads(target.read_text(encoding="utf-8"))
    assert code == 0 and written == json_schema()
    assert "steps" in written["properties"] and "LocalText" in written["$defs"]
    assert json.loads(DOCS_SCHEMA.read_text(encoding="utf-8")) == written, (
        "docs/lesson.schema.json is stale: run 'kiosk content schema --out docs/lesson.schema.json'"
    )


def test_bad_usage_is_an_error_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["frobnicate"], tmp_path, capsys)
    assert code == 2 and "invalid choice" in err and "Traceback" not in err
    code, _, err = run(["schema", "--out", str(tmp_path / "no" / "dir.json")], tmp_path, capsys)
    assert code == 1 and err.startswith("error: ")
