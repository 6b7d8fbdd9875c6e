"""Opening USB bundles (``.hsb``, format in `kiosk_records.bundle`) on the hub."""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path

from nacl.exceptions import CryptoError

from kiosk_hub.keys import HubKey
from kiosk_records.bundle import BUNDLE_FORMAT, BUNDLE_VERSION

MAX_BUNDLE_BYTES = 200_000_000


class BundleError(Exception):
    """The file is not a bundle this hub can open."""


def open_bundle(path: Path, key: HubKey) -> list[str]:
    """The record texts inside a bundle file."""
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise BundleError(f"{path} is too large to be a bundle")
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise BundleError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BundleError(f"{path} is not a Học Số bundle (not JSON)") from None
    if not isinstance(doc, dict) or doc.get("format") != BUNDLE_FORMAT:
        raise BundleError(f"{path} is not a Học Số bundle (format is not {BUNDLE_FORMAT!r})")
    if doc.get("version") != BUNDLE_VERSION:
        raise BundleError(f"{path}: bundle version {doc.get('version')!r} is not supported")
    try:
        sealed = base64.b64decode(doc["sealed"], validate=True)
        texts = json.loads(key.unseal(sealed).decode("utf-8"))
    except (KeyError, TypeError, binascii.Error, ValueError):
        raise BundleError(f"{path}: the sealed part is damaged") from None
    except CryptoError:
        raise BundleError(f"{path} was sealed for another hub (its key does not open it)") from None
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise BundleError(f"{path}: the sealed part is not a list of record texts")
    return texts
