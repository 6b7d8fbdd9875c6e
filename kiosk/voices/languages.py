"""The languages a learner may hear, as data: a folder per language, no code.

A language folder is named by its code and holds ``language.yaml``::

    code: hmn
    name: Tiếng Mông          # as its speakers write it, once the province confirms the spelling
    name_vi: Tiếng Mông       # the Vietnamese name, said by the Vietnamese voice
    spelling_confirmed: false # false: ``name`` is the Vietnamese name until confirmed
    test_data: false          # true: a pack made from generated audio, for tests only

with ``picture.svg`` (what a learner who cannot read recognises) and, once recorded,
``sample.<ext>`` (a few words in the language). Shipped languages are in
``kiosk/resources/voices/``; a voice pack installs its language folder into the kiosk's
voice store, which may add a language or bring its sample.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kiosk.content.schema.common import LANG_PATTERN
from kiosk.content.speech import AUDIO_EXTS

LANGUAGE_FILE = "language.yaml"
PICTURE_FILE = "picture.svg"
SAMPLE_STEM = "sample"
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LanguageError(ValueError):
    """A language folder is malformed; the message names the file."""


@dataclass(frozen=True)
class HearingLanguage:
    code: str
    name: str  # in the language itself where confirmed, else the Vietnamese name
    name_vi: str
    picture: Path | None
    sample: Path | None  # None: the Vietnamese voice says ``name_vi`` instead
    spelling_confirmed: bool = False
    test_data: bool = False


def shipped_languages_dir() -> Path:
    from kiosk.paths import resources_dir

    return resources_dir() / "voices"


def _sample(folder: Path) -> Path | None:
    for ext in AUDIO_EXTS:
        candidate = folder / f"{SAMPLE_STEM}{ext}"
        if candidate.is_file():
            return candidate
    return None


def read_language(folder: Path) -> HearingLanguage:
    """Read one language folder; raises ``LanguageError`` naming what is wrong."""
    path = folder / LANGUAGE_FILE
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LanguageError(f"{path}: cannot be read ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict):
        raise LanguageError(f"{path}: expected a mapping")
    code = data.get("code")
    if not isinstance(code, str) or not LANG_PATTERN.match(code) or code != folder.name:
        raise LanguageError(f"{path}: 'code' must be a language code equal to the folder name")
    name_vi = data.get("name_vi")
    name = data.get("name", name_vi)
    if not isinstance(name_vi, str) or not name_vi.strip() or not isinstance(name, str):
        raise LanguageError(f"{path}: 'name' and 'name_vi' must be texts")
    picture = folder / PICTURE_FILE
    return HearingLanguage(
        code=code,
        name=name.strip() or name_vi.strip(),
        name_vi=name_vi.strip(),
        picture=picture if picture.is_file() else None,
        sample=_sample(folder),
        spelling_confirmed=bool(data.get("spelling_confirmed", False)),
        test_data=bool(data.get("test_data", False)),
    )


def load_languages(folders: list[Path]) -> list[HearingLanguage]:
    """Every language found in ``folders`` (each holds one sub-folder per language).

    A later folder's entry replaces an earlier one with the same code, so a voice pack
    can bring a language's picture or sample. Vietnamese comes first, then by code.
    A malformed folder is left out (the staff pack screen reports it, not the learner's).
    """
    found: dict[str, HearingLanguage] = {}
    for base in folders:
        if not base.is_dir():
            continue
        for folder in sorted(base.iterdir()):
            if (folder / LANGUAGE_FILE).is_file():
                try:
                    found[folder.name] = read_language(folder)
                except LanguageError:
                    continue
    return sorted(found.values(), key=lambda lang: (lang.code != "vi", lang.code))
