"""What a learner hears, line by line: the hearing language, else Vietnamese, never silence.

For each line the kiosk plays a current recording in the *hearing* language (this kiosk's
voice store), else a Vietnamese file (a local Vietnamese recording over the pack's or the
kiosk's own file), else a system voice reads the screen's text. The text on screen is the
text language's business and is never changed here.
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.content.schema import SOURCE_LANGUAGE
from kiosk.content.speech import Clip, Line, Voice
from kiosk.voices.languages import HearingLanguage
from kiosk.voices.store import VoiceStore

LANGUAGES_SCOPE = "_languages"
"""The key scope of a language's name or sample on the hearing-language picker."""


def heard_voice(
    store: VoiceStore, hearing: str, scope: str, lines: Iterable[Line], vietnamese: Voice
) -> Voice:
    """The clips of ``scope`` for a learner hearing ``hearing``.

    Args:
        store: the recordings on this kiosk.
        hearing: the language the learner chose to hear.
        scope: a lesson id, or ``kiosk.content.speech.SCREENS``.
        lines: the scope's spoken lines (their texts tell a current clip from an old one).
        vietnamese: the Vietnamese files shipped with the pack or the kiosk.
    """
    lines = list(lines)
    local_vietnamese = store.voice(SOURCE_LANGUAGE, scope, lines, vietnamese)
    if hearing == SOURCE_LANGUAGE:
        return local_vietnamese
    return store.voice(hearing, scope, lines, local_vietnamese)


def language_clip(language: HearingLanguage) -> Clip:
    """What the picker's loudspeaker says for a language: its sample, else its Vietnamese
    name for the Vietnamese system voice to read."""
    key = f"{LANGUAGES_SCOPE}/{language.code}"
    if language.sample is not None:
        return Clip(key, language.name_vi, language.sample, language.code)
    return Clip(key, language.name_vi, None)
