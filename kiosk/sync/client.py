"""HTTP client of the provincial hub's API (docs/sync-protocol.md), stdlib only.

The kiosk bundle stays small without an HTTP library. Every call has a timeout;
failures come back as two kinds: `HubUnavailable` (network, timeout, 5xx: try again
later) and `HubRefused` (4xx: the hub said no; trying again will not help).
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any

from kiosk_records.keys import KioskKey
from kiosk_records.request_signing import HUB_TIME_HEADER, sign_request

API_PREFIX = "/api/v1"
TIMEOUT_S = 10.0
MAX_BATCH = 500


class HubError(Exception):
    """A hub call failed; ``message`` is plain words for staff."""


class HubUnavailable(HubError):
    """The hub could not be reached or failed (network, timeout, 5xx): retry later."""


class HubRefused(HubError):
    """The hub answered 4xx: the request itself is wrong (bad code, unknown kiosk...)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"the hub refused the request ({status}): {detail}")
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Refusal:
    record_id: uuid.UUID | None
    index: int
    reason: str


@dataclass(frozen=True)
class PushAnswer:
    accepted: tuple[uuid.UUID, ...]
    duplicates: tuple[uuid.UUID, ...]
    refused: tuple[Refusal, ...]


@dataclass(frozen=True)
class VoicePackOffer:
    """A voice pack the hub offers: the newest of its language."""

    lang: str
    version: int
    sha256: str
    size: int


def normalise_hub_url(url: str) -> str:
    """``host:port`` or ``http(s)://host[:port][/api/v1]`` -> ``http(s)://host[:port]``.

    HTTPS unless the address typed says ``http://``.
    """
    url = url.strip().rstrip("/")
    if not url:
        raise ValueError("the hub address is empty")
    if "://" not in url:
        url = "https://" + url
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not a web address: {url}")
    path = parts.path.removesuffix(API_PREFIX).rstrip("/")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


class HubClient:
    """Calls one hub. Thread-safe: it keeps no connection between calls."""

    def __init__(self, hub_url: str, timeout: float = TIMEOUT_S) -> None:
        self.base = normalise_hub_url(hub_url) + API_PREFIX
        self.timeout = timeout
        self.clock_offset_s = 0  # the hub's clock minus ours, once a signed call was late

    def _call(
        self,
        method: str,
        path: str,
        body: object | None = None,
        signer: tuple[KioskKey, uuid.UUID] | None = None,
        max_bytes: int | None = None,
    ) -> Any:
        """The JSON answer; with ``max_bytes``, the answer's bytes (at most that many)."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        for attempt in (1, 2):
            if signer is not None:
                at = int(time.time()) + self.clock_offset_s
                headers |= sign_request(*signer, method, path, data or b"", at)
            request = urllib.request.Request(
                self.base + path, data=data, method=method, headers=headers
            )
            try:
                return self._send(request, max_bytes)
            except _HubClockDiffers as exc:
                if attempt == 2 or signer is None:
                    raise exc.refusal from None
                self.clock_offset_s = exc.hub_time - int(time.time())  # sign with the hub's time
        raise AssertionError("unreachable")

    def _send(self, request: urllib.request.Request, max_bytes: int | None = None) -> Any:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read() if max_bytes is None else response.read(max_bytes + 1)
        except urllib.error.HTTPError as exc:
            hub_time = exc.headers.get(HUB_TIME_HEADER, "") if exc.headers else ""
            detail = _detail(exc)
            if exc.code == 401 and "clock" in detail and hub_time.isdigit():
                raise _HubClockDiffers(HubRefused(exc.code, detail), int(hub_time)) from None
            if exc.code >= 500:
                raise HubUnavailable(f"the hub had a problem ({exc.code}): {detail}") from None
            raise HubRefused(exc.code, detail) from None
        except urllib.error.URLError as exc:
            raise HubUnavailable(f"cannot reach the hub: {_reason(exc.reason)}") from None
        except TimeoutError:
            raise HubUnavailable("the hub did not answer in time") from None
        except (OSError, HTTPException) as exc:
            raise HubUnavailable(f"the connection to the hub broke: {_reason(exc)}") from None
        if max_bytes is not None:
            if len(raw) > max_bytes:
                raise HubUnavailable(f"the hub sent more than {max_bytes} bytes")
            return raw
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise HubUnavailable("the hub sent an answer that is not JSON") from None

    def health(self) -> dict[str, Any]:
        answer = self._call("GET", "/health")
        return answer if isinstance(answer, dict) else {}

    def enroll(
        self,
        code: str,
        kiosk_id: uuid.UUID,
        public_key_b64: str,
        commune_code: str,
        learning_point: str,
    ) -> dict[str, Any]:
        answer = self._call(
            "POST",
            "/enroll",
            {
                "code": code,
                "kiosk_id": str(kiosk_id),
                "public_key": public_key_b64,
                "commune_code": commune_code,
                "learning_point": learning_point,
            },
        )
        if not isinstance(answer, dict):
            raise HubUnavailable("the hub sent an enrolment answer of the wrong shape")
        return answer

    def post_records(
        self, kiosk_id: uuid.UUID, records: Sequence[str], key: KioskKey | None = None
    ) -> PushAnswer:
        """Send records; the hub takes them only in a request signed with ``key``."""
        if len(records) > MAX_BATCH:
            raise ValueError(f"at most {MAX_BATCH} records per request")
        body = {"kiosk_id": str(kiosk_id), "records": records}
        signer = None if key is None else (key, kiosk_id)
        answer = self._call("POST", "/records", body, signer)
        try:
            return PushAnswer(
                tuple(uuid.UUID(r) for r in answer.get("accepted", [])),
                tuple(uuid.UUID(r) for r in answer.get("duplicates", [])),
                tuple(
                    Refusal(
                        uuid.UUID(r["record_id"]) if r.get("record_id") else None,
                        int(r["index"]),
                        str(r["reason"]),
                    )
                    for r in answer.get("refused", [])
                ),
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            raise HubUnavailable("the hub sent a records answer of the wrong shape") from None

    def voice_packs(self, kiosk_id: uuid.UUID, key: KioskKey) -> list[VoicePackOffer]:
        """The newest voice pack of each language on the hub (a signed request)."""
        answer = self._call("GET", "/voice-packs", signer=(key, kiosk_id))
        try:
            return [
                VoicePackOffer(str(p["lang"]), int(p["version"]), str(p["sha256"]), int(p["size"]))
                for p in answer
            ]
        except (KeyError, TypeError, ValueError):
            raise HubUnavailable("the hub sent a voice pack list of the wrong shape") from None

    def voice_pack(
        self, kiosk_id: uuid.UUID, key: KioskKey, offer: VoicePackOffer, max_bytes: int
    ) -> bytes:
        """The bytes of one voice pack, never more than ``max_bytes`` (a signed request)."""
        path = f"/voice-packs/{urllib.parse.quote(offer.lang)}/{offer.version}"
        answer: bytes = self._call("GET", path, signer=(key, kiosk_id), max_bytes=max_bytes)
        return answer


class _HubClockDiffers(Exception):
    """The hub refused a signed call as too far from its clock, and said its time."""

    def __init__(self, refusal: HubRefused, hub_time: int) -> None:
        super().__init__(str(refusal))
        self.refusal = refusal
        self.hub_time = hub_time


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the hub running?)"
    if isinstance(reason, socket.gaierror):
        return "unknown host name (check the address)"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "no answer in time"
    return str(reason) or type(reason).__name__


def _detail(exc: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(exc.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, HTTPException):
        return exc.reason or "no detail"
    detail = body.get("detail") if isinstance(body, dict) else None
    return str(detail) if detail else str(exc.reason or "no detail")
