"""The one translation mechanism for every user-visible string.

Each language is a YAML file in ``kiosk/resources/i18n/`` named by its code
(``vi.yaml``, ``en.yaml``...). A file holds ``language: {code, name}`` and a
flat ``strings`` map of key -> text with ``{placeholders}``. Adding Thái or
Mông means dropping ``tdd.yaml`` / ``hmn.yaml`` into the folder: no code
changes. Missing keys fall back to Vietnamese, the source language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SOURCE_LANGUAGE = "vi"
# Read before the welcome screen paints: libyaml's safe loader is 10-20x the pure one.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CatalogueError(ValueError):
    """A translation file is unreadable or malformed."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, e.g. "Tiếng Việt"


@dataclass(frozen=True)
class MessageCatalogue:
    """All languages' strings, loaded once at start."""

    languages: tuple[Language, ...]
    strings: Mapping[str, Mapping[str, str]] = field(repr=False)

    def language_codes(self) -> list[str]:
        return [lang.code for lang in self.languages]

    def text(self, lang: str, key: str, **values: object) -> str:
        """The text for ``key`` in ``lang``, falling back to Vietnamese, then the key."""
        raw = self.strings.get(lang, {}).get(key)
        if raw is None:
            raw = self.strings.get(SOURCE_LANGUAGE, {}).get(key, key)
        return raw.format(**values) if values else raw

    def missing_keys(self, lang: str) -> set[str]:
        return set(self.strings.get(SOURCE_LANGUAGE, {})) - set(self.strings.get(lang, {}))


def load_catalogue(folder: Path) -> MessageCatalogue:
    """Read every ``*.yaml`` language file in ``folder``; Vietnamese first."""
    languages: list[Language] = []
    strings: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # safe loader
        except (OSError, yaml.YAMLError) as exc:
            raise CatalogueError(f"{path.name}: cannot read: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("language"), dict):
            raise CatalogueError(f"{path.name}: needs a 'language' map with code and name")
        code = str(data["language"].get("code", path.stem))
        name = str(data["language"].get("name", code))
        table = data.get("strings") or {}
        if not isinstance(table, dict):
            raise CatalogueError(f"{path.name}: 'strings' must be a map of key to text")
        languages.append(Language(code, name))
        strings[code] = {str(k): str(v) for k, v in table.items()}
    if SOURCE_LANGUAGE not in strings:
        raise CatalogueError(f"no {SOURCE_LANGUAGE}.yaml in {folder}")
    languages.sort(key=lambda lang: (lang.code != SOURCE_LANGUAGE, lang.code))
    return MessageCatalogue(tuple(languages), strings)


class Translator:
    """The current language plus the catalogue; screens call ``tr(key)``."""

    def __init__(self, catalogue: MessageCatalogue, language: str = SOURCE_LANGUAGE) -> None:
        self.catalogue = catalogue
        self.language = language if language in catalogue.language_codes() else SOURCE_LANGUAGE

    def set_language(self, code: str) -> None:
        if code not in self.catalogue.language_codes():
            raise KeyError(code)
        self.language = code

    def tr(self, key: str, **values: object) -> str:
        return self.catalogue.text(self.language, key, **values)
