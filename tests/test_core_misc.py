"""Settings, translations, units and navigation."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kiosk.i18n import CatalogueError, load_catalogue
from kiosk.navigation import NavigationError, Navigator, Screen
from kiosk.paths import resources_dir
from kiosk.settings import KioskSettings, load_settings, save_settings
from kiosk_records.communes import load_units

ROOT = Path(__file__).resolve().parents[1]


def test_settings_round_trip_and_validation(services) -> None:  # type: ignore[no-untyped-def]
    with services.database.transaction() as s:
        assert load_settings(s) == KioskSettings()
        changed = save_settings(s, KioskSettings(idle_timeout_s=300, villages=("Bản Him Lam",)))
    assert sorted(changed) == ["idle_timeout_s", "villages"]
    with services.database.transaction() as s:
        loaded = load_settings(s)
    assert loaded.idle_timeout_s == 300
    assert loaded.villages == ("Bản Him Lam",)
    with pytest.raises(ValueError), services.database.transaction() as s:
        save_settings(s, KioskSettings(idle_timeout_s=1))


def test_every_language_has_every_key() -> None:
    catalogue = load_catalogue(resources_dir() / "i18n")
    assert catalogue.language_codes()[0] == "vi"
    for code in catalogue.language_codes():
        assert catalogue.missing_keys(code) == set(), code


def test_a_new_language_is_a_dropped_in_file(tmp_path: Path) -> None:
    for name in ("vi.yaml", "en.yaml"):
        (tmp_path / name).write_bytes((resources_dir() / "i18n" / name).read_bytes())
    (tmp_path / "hmn.yaml").write_text(
        "language: {code: hmn, name: Hmoob}\nstrings:\n  welcome.start: Pib kawm\n",
        encoding="utf-8",
    )
    catalogue = load_catalogue(tmp_path)
    assert "hmn" in catalogue.language_codes()
    assert catalogue.text("hmn", "welcome.start") == "Pib kawm"
    assert catalogue.text("hmn", "common.back") == "Quay lại"  # falls back to Vietnamese


def test_broken_language_file_names_itself(tmp_path: Path) -> None:
    (tmp_path / "vi.yaml").write_text("language: [", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"vi\.yaml"):
        load_catalogue(tmp_path)


def _keys_used_in_code() -> set[str]:
    keys: set[str] = set()
    pattern = re.compile(r"^[a-z_]+(\.[a-z_0-9]+)+$")
    for path in (ROOT / "kiosk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) in {"tr", "_tr", "t"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and pattern.match(node.args[0].value)
            ):
                keys.add(node.args[0].value)
    return keys


def test_every_literal_key_in_code_is_translated() -> None:
    catalogue = load_catalogue(resources_dir() / "i18n")
    used = _keys_used_in_code()
    assert len(used) > 20
    assert used - set(catalogue.strings["vi"]) == set()


def test_all_45_units_load() -> None:
    units = load_units()
    assert len(units) == 45
    assert sum(u.kind == "ward" for u in units) == 3
    assert all(len(u.code) == 5 and u.code.isdigit() for u in units)
    assert units[0].label_vi == "Phường Điện Biên Phủ"


def test_navigation_allows_only_listed_moves() -> None:
    nav = Navigator()
    assert nav.go(Screen.SETUP) is Screen.WELCOME
    with pytest.raises(NavigationError):
        nav.go(Screen.SETTINGS)
    nav.go(Screen.STAFF_PIN)  # reachable from anywhere
    nav.go(Screen.STAFF_MENU)
    nav.go(Screen.SETTINGS)
    broken = Navigator(Screen.DATABASE_ERROR)
    assert not broken.can_go(Screen.WELCOME)


def test_fold_ignores_tone_marks_case_and_spacing() -> None:
    from kiosk.text import fold

    assert fold("  Sín   Thầu ") == "sin thau"
    assert fold("Điện Biên Phủ") == "dien bien phu"
    assert fold("NGUYỄN Văn Mẫu") == "nguyen van mau"


def test_translation_files_have_no_duplicate_keys() -> None:
    # PyYAML silently keeps the last of two equal keys: catch it here instead.
    for path in (resources_dir() / "i18n").glob("*.yaml"):
        keys = re.findall(r"^  ([A-Za-z0-9_.]+):", path.read_text(encoding="utf-8"), re.M)
        assert len(keys) == len(set(keys)), (path.name, {k for k in keys if keys.count(k) > 1})


def test_local_date_is_vietnam_time() -> None:
    from datetime import UTC, date, datetime

    from kiosk.clock import local_date

    assert local_date(datetime(2026, 11, 27, 18, 30, tzinfo=UTC)) == date(2026, 11, 28)
    assert local_date(datetime(2026, 11, 27, 16, 59, tzinfo=UTC)) == date(2026, 11, 27)
