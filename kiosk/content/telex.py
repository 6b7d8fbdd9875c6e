"""Telex input: turn keystrokes into Vietnamese text the way phone keyboards do.

``aa``→â ``aw``→ă ``ee``→ê ``oo``→ô ``ow``→ơ ``uw``/``w``→ư ``dd``→đ; tone keys
``s f r x j`` (sắc huyền hỏi ngã nặng) may come anywhere after the vowel and land on the
right vowel, moving when the word grows (``hoaf`` + ``n`` → ``hoàn``); ``z`` removes the
tone; pressing a modifier again undoes it and types the key itself (``ass`` → ``as``).
Only the word being typed is changed. Output is NFC.
"""

from __future__ import annotations

import unicodedata

BACKSPACE = "\b"

TONE_KEYS = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_TONE_MARKS = frozenset(TONE_KEYS.values())
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED = frozenset("ăâêôơư")  # vowels that carry their own diacritic
_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_HORN = {"a": "ă", "o": "ơ", "u": "ư"}
_PLAIN = {"â": "a", "ê": "e", "ô": "o", "ă": "a", "ơ": "o", "ư": "u"}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _with_case(template: str, letter: str) -> str:
    return letter.upper() if template.isupper() else letter


def split_tone(word: str) -> tuple[str, str | None]:
    """The word without its tone mark, and the mark (a combining character) or None."""
    tone = None
    kept = []
    for char in unicodedata.normalize("NFD", word):
        if char in _TONE_MARKS:
            tone = char
        else:
            kept.append(char)
    return _nfc("".join(kept)), tone


def _vowel_run(base: str) -> list[int]:
    """Indices of the syllable's vowels (the last run), not counting the u of qu / i of gi."""
    low = base.lower()
    vowels = [i for i, c in enumerate(low) if c in _VOWELS]
    if len(vowels) > 1 and vowels[0] == 1 and low[:2] in ("qu", "gi"):
        vowels = vowels[1:]
    run: list[int] = []
    for i in vowels:
        if run and i != run[-1] + 1:
            run = []
        run.append(i)
    return run


def tone_position(base: str, *, modern: bool = False) -> int | None:
    """Where the tone mark goes in ``base`` (a word without tone), or None without vowels."""
    run = _vowel_run(base)
    if not run:
        return None
    low = base.lower()
    marked = [i for i in run if low[i] in _MARKED]
    if marked:
        return marked[-1]  # ươ → ơ, iê → ê, uô → ô
    if run[-1] < len(base) - 1:
        return run[-1]  # closed syllable: hoàng, toán
    if len(run) >= 3:
        return run[1]  # ngoài, khuỷu
    if len(run) == 2:
        pair = low[run[0]] + low[run[1]]
        return run[1] if modern and pair in ("oa", "oe", "uy") else run[0]
    return run[0]


def place_tone(base: str, tone: str | None, *, modern: bool = False) -> str:
    if tone is None:
        return base
    at = tone_position(base, modern=modern)
    if at is None:
        return base
    return _nfc(base[:at] + _nfc(base[at] + tone) + base[at + 1 :])


class TelexComposer:
    """Feed keystrokes one by one; ``text`` is the Vietnamese text so far."""

    def __init__(self, text: str = "", *, modern_tone: bool = False) -> None:
        self._text = _nfc(text)
        self._modern = modern_tone
        self._literal = False  # after an undo, the rest of the word is typed as is
        self._bare_w: int | None = None  # where a lone 'w' became 'ư' in the current word

    @property
    def text(self) -> str:
        return self._text

    def clear(self) -> None:
        self._text = ""
        self._new_word()

    def type(self, keys: str) -> str:
        for key in keys:
            self.feed(key)
        return self._text

    def backspace(self) -> str:
        self._text = self._text[:-1]
        _prefix, word = self._split()
        if not word:
            self._new_word()
        self._literal = False
        if self._bare_w is not None and self._bare_w >= len(word):
            self._bare_w = None
        return self._text

    def feed(self, key: str) -> str:
        """Apply one key: a letter, any other character, or ``BACKSPACE``."""
        if key == BACKSPACE:
            return self.backspace()
        if len(key) != 1 or not key.isalpha():
            self._text += key
            self._new_word()
            return self._text
        prefix, word = self._split()
        new = None if self._literal else self._modify(word, key)
        self._text = prefix + (word + key if new is None else new)
        return self._text

    def _new_word(self) -> None:
        self._literal = False
        self._bare_w = None

    def _split(self) -> tuple[str, str]:
        end = len(self._text)
        start = end
        while start > 0 and self._text[start - 1].isalpha():
            start -= 1
        return self._text[:start], self._text[start:]

    def _undo(self, base: str, key: str, tone: str | None) -> str:
        self._literal = True
        return place_tone(base, tone, modern=self._modern) + key

    def _modify(self, word: str, key: str) -> str | None:
        """The new word after ``key`` acting as a Telex modifier; None to type it as a letter."""
        k = key.lower()
        base, tone = split_tone(word)
        new_base: str | None
        if k in TONE_KEYS:
            if tone_position(base) is None:
                return None
            if tone == TONE_KEYS[k]:
                return self._undo(base, key, None)
            return place_tone(base, TONE_KEYS[k], modern=self._modern)
        if k == "z":
            return base if tone is not None else None
        if k in _CIRCUMFLEX:
            new_base = self._circumflex(base, k)
        elif k == "w":
            new_base = self._horn(base, key)
        elif k == "d":
            new_base = self._stroke(base)
        else:
            new_base = base + key
        if new_base is None:
            return None
        if new_base.endswith("\0"):
            return self._undo(new_base[:-1], key, tone)
        return place_tone(new_base, tone, modern=self._modern)

    # Each returns the new base, None (type the key as a letter), or base + "\0" (undo).

    @staticmethod
    def _circumflex(base: str, k: str) -> str | None:
        low = base.lower()
        for i in reversed(_vowel_run(base)):
            if low[i] == k:
                return base[:i] + _with_case(base[i], _CIRCUMFLEX[k]) + base[i + 1 :]
            if low[i] == _CIRCUMFLEX[k]:
                return base[:i] + _with_case(base[i], k) + base[i + 1 :] + "\0"
        return None

    def _horn(self, base: str, key: str) -> str | None:
        low = base.lower()
        run = _vowel_run(base)
        if not run:
            self._bare_w = len(base)
            return base + _with_case(key, "ư")
        chars = list(base)
        cluster = "".join(low[i] for i in run)
        for pair in ("uo", "ưo", "uơ"):
            at = cluster.find(pair)
            if at >= 0:
                i = run[at]
                chars[i] = _with_case(base[i], "ư")
                chars[i + 1] = _with_case(base[i + 1], "ơ")
                return "".join(chars)
        q = low.startswith("qu")
        if cluster.startswith(("uu", "ua", "ui")) and not q and cluster[0] == "u":
            targets = [run[0]]
        else:
            targets = [i for i in reversed(run) if low[i] in _HORN][:1]
        if targets:
            i = targets[0]
            chars[i] = _with_case(base[i], _HORN[low[i]])
            return "".join(chars)
        horned = [i for i in run if low[i] in "ăơư"]
        if not horned:
            return None
        if self._bare_w is not None and self._bare_w in horned:
            chars[self._bare_w] = ""  # "ww" → "w": the first w goes back to being a key
        for i in horned:
            if chars[i]:
                chars[i] = _with_case(base[i], _PLAIN[low[i]])
        self._bare_w = None
        return "".join(chars) + "\0"

    @staticmethod
    def _stroke(base: str) -> str | None:
        low = base.lower()
        if low.startswith("d"):
            return _with_case(base[0], "đ") + base[1:]
        if low.startswith("đ"):
            return _with_case(base[0], "d") + base[1:] + "\0"
        return None


def telex(keys: str, *, modern_tone: bool = False) -> str:
    """The text typed by ``keys`` (``\\b`` is backspace)."""
    return TelexComposer(modern_tone=modern_tone).type(keys)
