"""This kiosk's key and trust list, from its data folder."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kiosk.paths import DataPaths
from kiosk.slips.identity import kiosk_identity
from kiosk_records.keys import (
    KioskKey,
    TrustList,
    load_or_create_kiosk_key,
    load_trust_list,
    own_trusted_key,
)

IMPORTED_TRUST_FILE = "trusted_kiosks.json"


def kiosk_key(data_dir: Path) -> KioskKey:
    """This kiosk's signing key, made on first use under ``<data_dir>/secrets``."""
    return load_or_create_kiosk_key(DataPaths(data_dir).secrets)


def own_trust_list(data_dir: Path) -> TrustList:
    """A trust list holding only this kiosk's key (what `kiosk keys export` writes)."""
    identity = kiosk_identity(data_dir)
    key = kiosk_key(data_dir)
    return TrustList((own_trusted_key(key, identity.kiosk_id, identity.commune_code),))


def imported_trust_path(data_dir: Path) -> Path:
    return data_dir / IMPORTED_TRUST_FILE


def local_trust(data_dir: Path, extra_files: Iterable[Path] = ()) -> TrustList:
    """This kiosk's key, the keys imported with `kiosk keys import`, and extra files."""
    trust = own_trust_list(data_dir)
    imported = imported_trust_path(data_dir)
    files = [imported] if imported.exists() else []
    for path in [*files, *extra_files]:
        trust = trust.merged(load_trust_list(path).keys)
    return trust
