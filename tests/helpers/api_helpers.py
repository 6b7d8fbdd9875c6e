"""Calling the kiosk API as a kiosk does: each request signed with the kiosk's key."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from kiosk_records.keys import KioskKey
from kiosk_records.request_signing import sign_request


def signed_post(client: Any, body: dict[str, Any], key: KioskKey, **headers: str) -> Any:
    """POST records signed by ``key`` for the body's kiosk (extra headers override)."""
    data = json.dumps(body).encode()
    signed = sign_request(key, uuid.UUID(body["kiosk_id"]), "POST", "/records", data,
                          int(time.time()))  # fmt: skip
    headers = {"Content-Type": "application/json", **signed, **headers}
    return client.post("/api/v1/records", content=data, headers=headers)
