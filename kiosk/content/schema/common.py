"""Building blocks shared by every content file: ids, texts, media paths."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    RootModel,
    StringConstraints,
    model_validator,
)

SCHEMA_VERSION = 1
"""The newest ``schema_version`` this kiosk reads. Older versions stay readable."""

SOURCE_LANGUAGE = "vi"

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""A stable id: lower-case letters, digits, ``-``, ``_`` and ``.``; never renamed once shipped."""


def _check_media_path(value: str) -> str:
    parts = value.split("/")
    if parts[0] != "media" or len(parts) < 2 or any(p in ("", ".", "..") for p in parts):
        raise ValueError("must be a path inside the pack's media folder, like 'media/phone.svg'")
    if "\\" in value:
        raise ValueError("use '/' between folder names, not '\\'")
    return value


MediaPath = Annotated[str, AfterValidator(_check_media_path)]
"""A file path relative to the pack folder, always under ``media/``."""


class Model(BaseModel):
    """Base of every content object: frozen, and unknown fields are errors (typos show up)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class LocalText(RootModel[dict[str, str]]):
    """A text in several languages: ``{vi: ..., en: ...}``. Vietnamese is required."""

    model_config = ConfigDict(
        frozen=True,
        json_schema_extra={
            "required": [SOURCE_LANGUAGE],
            "propertyNames": {"pattern": LANG_PATTERN.pattern},
            "additionalProperties": {"type": "string", "minLength": 1},
        },
    )

    @model_validator(mode="after")
    def _check(self) -> LocalText:
        for lang, text in self.root.items():
            if not LANG_PATTERN.match(lang):
                raise ValueError(f"'{lang}' is not a language code (use 'vi', 'en', 'hmn'...)")
            if not text.strip():
                raise ValueError(f"the '{lang}' text is empty")
        if SOURCE_LANGUAGE not in self.root:
            raise ValueError("needs a Vietnamese text ('vi')")
        return self

    def text(self, lang: str) -> str:
        """The text in ``lang``, falling back to Vietnamese."""
        return self.root.get(lang) or self.root[SOURCE_LANGUAGE]

    def has(self, lang: str) -> bool:
        return lang in self.root

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self.root)


class LocalMedia(RootModel[dict[str, MediaPath]]):
    """A media file per language, e.g. narration audio ``{vi: media/a.ogg}``. May be empty."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _check(self) -> LocalMedia:
        for lang in self.root:
            if not LANG_PATTERN.match(lang):
                raise ValueError(f"'{lang}' is not a language code (use 'vi', 'en', 'hmn'...)")
        return self

    def path(self, lang: str) -> str | None:
        """The file for ``lang``, falling back to Vietnamese; None when there is none."""
        return self.root.get(lang) or self.root.get(SOURCE_LANGUAGE)

    def has(self, lang: str) -> bool:
        return lang in self.root

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self.root)


def no_media() -> LocalMedia:
    return LocalMedia({})


def check_schema_version(value: Any) -> int:
    """Accept known schema versions only, with a message that says what to do."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number, e.g. 1")
    if value < 1:
        raise ValueError("must be 1 or more")
    if value > SCHEMA_VERSION:
        raise ValueError(
            f"{value} is newer than this kiosk understands ({SCHEMA_VERSION}); update the kiosk"
        )
    return value


SchemaVersion = Annotated[int, AfterValidator(check_schema_version)]
