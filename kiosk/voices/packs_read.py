"""Reading a voice pack file, trusting nothing in it.

A pack ``<lang>-v<version>.hocso-voice`` is a zip holding ``voice-pack.json`` (the
manifest), ``voice-pack.sig`` (an Ed25519 signature over the manifest's exact bytes),
``language/`` (``language.yaml``, ``picture.svg``, ``sample.opus``, whichever exist) and
``clips/<scope>/<line-id>.opus``. The manifest lists every other file with its SHA-256,
so one signature covers the whole pack.

A pack comes from a USB stick or the hub: it may be damaged or made to harm the kiosk.
``read_pack`` checks the zip before unpacking anything (no absolute or ``..`` paths, no
links, size and count limits, no compression bombs), then the manifest, every file's
hash, that nothing unlisted is inside, and the signature with a key the kiosk trusts.
Any failure raises ``VoicePackError`` with a plain-English message and a short code the
staff screen turns into Vietnamese.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from kiosk.content.schema.common import LANG_PATTERN
from kiosk.content.speech import SCREENS
from kiosk_records.keys import key_id_for, signature_ok

PACK_SUFFIX = ".hocso-voice"
MANIFEST_FILE = "voice-pack.json"
SIGNATURE_FILE = "voice-pack.sig"
PACK_FORMAT = "hocso-voice-pack"
FORMAT_VERSION = 1
CLIPS_PREFIX = "clips/"
LANGUAGE_PREFIX = "language/"
LANGUAGE_FILES = ("language.yaml", "picture.svg", "sample.opus")

# Limits far above a real pack (a clip is at most 60 s of 24 kbit/s Opus, about 180 kB;
# every lesson and screen line of a language is a few thousand clips at most).
MAX_PACK_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 4 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_PICTURE_BYTES = 512 * 1024
MAX_RATIO = 50  # Opus hardly compresses; JSON and SVG ten times at most

_SCOPE = re.compile(rf"^(?:{re.escape(SCREENS)}|[a-z0-9][a-z0-9_.-]{{0,63}})$")
_LINE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TEXT_SHA = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class VoiceProblem:
    """What is wrong, as data: ``code`` for the staff screen, ``message`` in plain English."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


class VoicePackError(ValueError):
    """A voice pack cannot be used; nothing was installed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.problem = VoiceProblem(code, message)

    @property
    def code(self) -> str:
        return self.problem.code


@dataclass(frozen=True)
class PackClip:
    key: str  # "<scope>/<line-id>"
    file: str  # "clips/<scope>/<line-id>.opus"
    sha256: str
    text_sha: str  # fingerprint of the Vietnamese text the clip was recorded for

    @property
    def scope(self) -> str:
        return self.key.split("/", 1)[0]


@dataclass(frozen=True)
class VoicePack:
    """A checked pack, its files in memory."""

    lang: str
    version: int
    made_on: str
    made_by: str
    test_data: bool
    lessons: dict[str, int]
    clips: tuple[PackClip, ...]
    files: dict[str, bytes]  # member name -> bytes, every listed file
    key_id: str
    public_key: bytes

    def clip_bytes(self, clip: PackClip) -> bytes:
        return self.files[clip.file]

    def language_files(self) -> dict[str, bytes]:
        """``language.yaml`` etc. -> bytes, for the files the pack brings."""
        return {
            name[len(LANGUAGE_PREFIX) :]: data
            for name, data in self.files.items()
            if name.startswith(LANGUAGE_PREFIX)
        }


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clip_file(key: str) -> str:
    """The member name of a line's clip inside a pack."""
    return f"{CLIPS_PREFIX}{key}.opus"


def valid_key(key: str) -> bool:
    scope, _, line_id = key.partition("/")
    return bool(_SCOPE.match(scope) and _LINE_ID.match(line_id) and ".." not in line_id)


def pack_file_name(lang: str, version: int) -> str:
    return f"{lang}-v{version}{PACK_SUFFIX}"


# The zip itself ----------------------------------------------------------------------------


def _check_member(info: zipfile.ZipInfo) -> None:
    name = info.filename
    parts = name.rstrip("/").split("/")
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or ":" in name
        or "\x00" in name
        or any(part in ("", ".", "..") for part in parts)
    ):
        raise VoicePackError("unsafe_path", f"the pack holds an unsafe file name: {name!r}")
    kind_bits = stat.S_IFMT(info.external_attr >> 16)  # 0: no type given (a plain file)
    if info.create_system == 3 and kind_bits not in (0, stat.S_IFREG, stat.S_IFDIR):
        mode = info.external_attr >> 16
        kind = "a link" if stat.S_ISLNK(mode) else "a special file"
        raise VoicePackError("link", f"the pack holds {kind}, not a plain file: {name}")
    if info.flag_bits & 0x1:
        raise VoicePackError("encrypted", f"the pack holds an encrypted file: {name}")
    if info.file_size > MAX_MEMBER_BYTES:
        raise VoicePackError(
            "too_large",
            f"{name} is {info.file_size} bytes; a file in a voice pack may be at most "
            f"{MAX_MEMBER_BYTES} bytes",
        )
    if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise VoicePackError(
            "zip_bomb", f"{name} is compressed too much to be a voice clip (a zip bomb?)"
        )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The member's bytes, never more than its declared size (which was checked)."""
    with archive.open(info) as member:
        data = member.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise VoicePackError("damaged", f"{info.filename} is damaged (its size is wrong)")
    return data


def _unzip(data: bytes) -> dict[str, bytes]:
    if len(data) > MAX_PACK_BYTES:
        raise VoicePackError(
            "too_large", f"the pack is larger than {MAX_PACK_BYTES // (1024 * 1024)} MiB"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise VoicePackError("not_a_pack", "the file is not a voice pack (not a zip file)") from exc
    files: dict[str, bytes] = {}
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise VoicePackError(
                "too_many", f"the pack holds {len(infos)} files; at most {MAX_MEMBERS} are allowed"
            )
        total = 0
        for info in infos:
            _check_member(info)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise VoicePackError(
                    "too_large",
                    f"the pack unpacks to more than {MAX_TOTAL_BYTES // (1024 * 1024)} MiB",
                )
        for info in infos:
            if info.is_dir():
                continue
            if info.filename in files:
                raise VoicePackError("duplicate", f"the pack holds {info.filename} twice")
            try:
                files[info.filename] = _read_member(archive, info)
            except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
                raise VoicePackError(
                    "damaged", f"{info.filename} in the pack is damaged ({exc})"
                ) from exc
    return files


# The manifest ------------------------------------------------------------------------------


def _bad(message: str) -> VoicePackError:
    return VoicePackError("bad_manifest", f"{MANIFEST_FILE}: {message}")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _clips(raw: object) -> tuple[PackClip, ...]:
    if not isinstance(raw, list):
        raise _bad("'clips' must be a list")
    clips: list[PackClip] = []
    seen: set[str] = set()
    for n, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict) or set(entry) != {"key", "file", "sha256", "text_sha"}:
            raise _bad(f"clip {n} must have exactly key, file, sha256 and text_sha")
        key, file, sha, text_sha = (entry[k] for k in ("key", "file", "sha256", "text_sha"))
        if not isinstance(key, str) or not valid_key(key):
            raise _bad(f"clip {n}: {key!r} is not a line key (<lesson-id>/<line-id>)")
        if file != clip_file(key):
            raise _bad(f"clip {key}: its file must be {clip_file(key)}")
        if not isinstance(sha, str) or not _SHA256.match(sha):
            raise _bad(f"clip {key}: sha256 must be 64 hex digits")
        if not isinstance(text_sha, str) or not _TEXT_SHA.match(text_sha):
            raise _bad(f"clip {key}: text_sha must be 16 hex digits")
        if key in seen:
            raise _bad(f"clip {key} is listed twice")
        seen.add(key)
        clips.append(PackClip(key, file, sha, text_sha))
    return tuple(clips)


def _language_hashes(raw: object) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(
        name in LANGUAGE_FILES and isinstance(sha, str) and _SHA256.match(sha)
        for name, sha in raw.items()
    ):
        raise _bad(f"'language' must map some of {', '.join(LANGUAGE_FILES)} to sha256 hashes")
    return {f"{LANGUAGE_PREFIX}{name}": sha for name, sha in raw.items()}


def _manifest(raw: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _bad("not valid JSON") from exc
    if not isinstance(doc, dict) or doc.get("format") != PACK_FORMAT:
        raise VoicePackError("not_a_pack", f"the file is not a voice pack ({MANIFEST_FILE})")
    if doc.get("format_version") != FORMAT_VERSION:
        raise VoicePackError(
            "format_version",
            f"the pack has format version {doc.get('format_version')!r}; this kiosk reads "
            f"version {FORMAT_VERSION} (a newer kiosk made it?)",
        )
    lang = doc.get("lang")
    if not isinstance(lang, str) or not LANG_PATTERN.match(lang):
        raise _bad(f"'lang' {lang!r} is not a language code")
    if not _whole(doc.get("version")) or doc["version"] < 1:
        raise _bad("'version' must be a whole number from 1")
    try:
        date.fromisoformat(str(doc.get("made_on")))
    except ValueError:
        raise _bad("'made_on' must be a date YYYY-MM-DD") from None
    if not isinstance(doc.get("made_by"), str) or not isinstance(doc.get("test_data"), bool):
        raise _bad("'made_by' must be a text and 'test_data' true or false")
    lessons = doc.get("lessons")
    if not isinstance(lessons, dict) or not all(
        isinstance(k, str) and _whole(v) for k, v in lessons.items()
    ):
        raise _bad("'lessons' must map lesson ids to versions")
    return doc


# Signature ---------------------------------------------------------------------------------


def _signer(raw: bytes | None, manifest: bytes, trusted: Callable[[bytes], bool]) -> bytes:
    if raw is None:
        raise VoicePackError("unsigned", f"the pack is not signed ({SIGNATURE_FILE} is missing)")
    try:
        doc = json.loads(raw.decode("utf-8"))
        public_key = base64.b64decode(doc["public_key"], validate=True)
        signature = base64.b64decode(doc["signature"], validate=True)
        key_id = doc["key_id"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise VoicePackError("bad_signature", f"{SIGNATURE_FILE} cannot be read") from exc
    if len(public_key) != 32 or key_id != key_id_for(public_key):
        raise VoicePackError("bad_signature", f"{SIGNATURE_FILE}: the key id does not match")
    if not signature_ok(public_key, manifest, signature):
        raise VoicePackError(
            "bad_signature", "the pack's signature is not valid: it was changed after signing"
        )
    if not trusted(public_key):
        raise VoicePackError(
            "untrusted",
            f"the pack was signed by a kiosk this kiosk does not trust (key {key_id}); "
            "import that kiosk's key or get the pack through the hub",
        )
    return public_key


def read_pack(data: bytes, *, trusted: Callable[[bytes], bool]) -> VoicePack:
    """Check a pack file's bytes and return its contents.

    Args:
        data: The whole ``.hocso-voice`` file.
        trusted: Whether a signer's public key is one this kiosk accepts packs from.

    Raises:
        VoicePackError: the pack is unsafe, damaged, unsigned, untrusted or malformed.
    """
    files = _unzip(data)
    raw = files.pop(MANIFEST_FILE, None)
    if raw is None:
        raise VoicePackError("not_a_pack", f"the file is not a voice pack (no {MANIFEST_FILE})")
    public_key = _signer(files.pop(SIGNATURE_FILE, None), raw, trusted)
    doc = _manifest(raw)
    clips = _clips(doc.get("clips"))
    expected = {c.file: c.sha256 for c in clips} | _language_hashes(doc.get("language", {}))
    if unlisted := sorted(set(files) - set(expected)):
        raise VoicePackError(
            "unlisted", f"the pack holds a file its manifest does not list: {unlisted[0]}"
        )
    if doc["made_by"] != key_id_for(public_key):
        raise _bad("'made_by' is not the key that signed the pack")
    for name, sha in expected.items():
        if name not in files:
            raise VoicePackError("missing", f"the pack lacks {name}, which its manifest lists")
        if sha256_hex(files[name]) != sha:
            raise VoicePackError("wrong_hash", f"{name} in the pack is not what was signed")
    _check_language(files.get(f"{LANGUAGE_PREFIX}language.yaml"), doc["lang"])
    _check_picture(files.get(f"{LANGUAGE_PREFIX}picture.svg"))
    return VoicePack(
        lang=doc["lang"],
        version=doc["version"],
        made_on=doc["made_on"],
        made_by=doc["made_by"],
        test_data=doc["test_data"],
        lessons=dict(doc["lessons"]),
        clips=clips,
        files=files,
        key_id=key_id_for(public_key),
        public_key=public_key,
    )


def _check_language(raw: bytes | None, lang: str) -> None:
    if raw is None:
        return
    try:
        entry = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise VoicePackError("bad_language", "language/language.yaml cannot be read") from exc
    if not isinstance(entry, dict) or entry.get("code") != lang:
        raise VoicePackError(
            "bad_language", f"language/language.yaml is not the entry of language '{lang}'"
        )


def _check_picture(raw: bytes | None) -> None:
    """A plain SVG: no DTD, so no entity expansion or outside file for the renderer."""
    if raw is None:
        return
    if len(raw) > MAX_PICTURE_BYTES or b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise VoicePackError(
            "bad_language",
            f"language/picture.svg must be a plain SVG picture under {MAX_PICTURE_BYTES // 1024} "
            "KiB, without a DOCTYPE",
        )
