"""The province profile: the hub's address and public key, known before enrolment.

The province writes one file (``kiosk-hub profile``) and hands it out on a USB stick or
builds it into the kiosk bundle (``resources/province-profile.json``). A kiosk that
knows the hub's key seals consenting learners' citizen IDs from its first day; records
made before that get a follow-up (`kiosk.sync.outbox.add_missing`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.sync import outbox
from kiosk.sync.client import normalise_hub_url

PROFILE_FILE = "province-profile.json"
PROFILE_FORMAT = "hoc-so-province-profile/1"
MAX_PROFILE_BYTES = 64 * 1024


class ProfileError(ValueError):
    """The profile cannot be used; the message is plain words for staff (command line).

    ``code`` says which kind, for screens: ``bad`` (not a usable profile), ``other_hub``
    (enrolled with another hub's key), ``none`` (no profile where staff looked).
    """

    def __init__(self, message: str, code: str = "bad") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ProvinceProfile:
    hub_url: str
    hub_public_key: bytes

    @property
    def fingerprint(self) -> str:
        """The key's SHA-256, first 16 bytes in groups: to compare with the printed one."""
        return key_fingerprint(self.hub_public_key)

    def to_json(self) -> bytes:
        body = {
            "format": PROFILE_FORMAT,
            "hub_url": self.hub_url,
            "hub_public_key": base64.b64encode(self.hub_public_key).decode("ascii"),
            "fingerprint": self.fingerprint,
        }
        return json.dumps(body, indent=2).encode("utf-8") + b"\n"


def key_fingerprint(public_key: bytes) -> str:
    digest = hashlib.sha256(public_key).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def parse_profile(data: bytes) -> ProvinceProfile:
    """A profile from the file's bytes. Raises ProfileError."""
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError("this file is too big to be a province profile")
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ProfileError("this file is not a province profile (not JSON)") from None
    if not isinstance(body, dict) or body.get("format") != PROFILE_FORMAT:
        raise ProfileError("this file is not a province profile")
    try:
        url = normalise_hub_url(str(body["hub_url"]))
        key = base64.b64decode(str(body["hub_public_key"]), validate=True)
    except KeyError as exc:
        raise ProfileError(f"the profile has no {exc.args[0]}") from None
    except (ValueError, binascii.Error) as exc:
        raise ProfileError(f"the profile's hub is not usable: {exc}") from None
    if len(key) != 32:
        raise ProfileError("the profile's hub public key is not 32 bytes")
    profile = ProvinceProfile(url, key)
    printed = body.get("fingerprint")
    if printed is not None and printed != profile.fingerprint:
        raise ProfileError("the profile's fingerprint does not match its key (damaged file?)")
    return profile


def read_profile(path: Path) -> ProvinceProfile:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_PROFILE_BYTES + 1)
    except OSError as exc:
        raise ProfileError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse_profile(data)


def adopt_profile(session: Session, profile: ProvinceProfile, now: datetime) -> bool:
    """Remember the profile's hub; True when the kiosk learnt the hub key from it.

    Raises:
        ProfileError: the kiosk is already enrolled with a hub whose key differs.
    """
    state = outbox.sync_state(session)
    if state.hub_public_key == profile.hub_public_key:
        if state.province_hub_url is None:
            state.province_hub_url = profile.hub_url
        return False
    if state.enrolled_at is not None and state.hub_public_key is not None:
        raise ProfileError(
            "this kiosk is enrolled with a hub whose key differs from the profile's; "
            "ask the province which one is right",
            "other_hub",
        )
    state.hub_public_key = profile.hub_public_key
    state.province_hub_url = profile.hub_url
    audit.record(
        session, "admin", "province_profile", hub=profile.hub_url, key=profile.fingerprint, at=now
    )
    return True


def adopt_bundled_profile(session: Session, resources: Path, now: datetime) -> bool:
    """A profile built into the bundle, taken when the kiosk knows no hub key yet.

    Raises:
        ProfileError: the built-in profile is damaged (the caller logs it and goes on:
            staff can still import one from a USB stick).
    """
    path = resources / PROFILE_FILE
    if not path.is_file() or outbox.sync_state(session).hub_public_key is not None:
        return False
    return adopt_profile(session, read_profile(path), now)


def find_profile(folder: Path) -> Path:
    """The profile in a folder staff chose (a USB stick): ``province-profile.json``, else the
    one JSON file there that is a profile. Raises ProfileError (code ``none``)."""
    named = folder / PROFILE_FILE
    if named.is_file():
        return named
    for candidate in sorted(folder.glob("*.json")):
        try:
            read_profile(candidate)
        except ProfileError:
            continue
        return candidate
    raise ProfileError(f"no province profile in {folder}", "none")
