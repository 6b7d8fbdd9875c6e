"""A small hub implementing docs/sync-protocol.md, in a thread, for the kiosk's sync tests.

It verifies every record's signature against the keys enrolled with it, keeps records
by record id (idempotent) and answers exactly as the contract says. Tests can make it
fail the next requests with a 503 (``fail_next``) to exercise retries.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from nacl.public import PrivateKey

from kiosk_records.codec import verify
from kiosk_records.keys import TrustedKey, TrustList, key_id_for


class StubHub:
    """In memory, or with ``store`` a SQLite file that survives a SIGKILL (chaos test)."""

    def __init__(
        self, codes: tuple[str, ...] = ("ENROL-1",), port: int = 0, store: Path | None = None
    ) -> None:
        self.private_key = PrivateKey.generate()
        self.codes = set(codes)
        self.kiosks: dict[uuid.UUID, TrustedKey] = {}
        self.records: dict[uuid.UUID, str] = {}
        self.requests = 0
        self.fail_next = 0
        self.refuse_texts: set[str] = set()
        self.fail_texts: set[str] = set()  # a request holding one of these gets a 503
        self.lock = threading.Lock()
        self.db = None if store is None else self._open_store(store)
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def public_key(self) -> bytes:
        return bytes(self.private_key.public_key)

    def start(self) -> StubHub:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _open_store(self, store: Path) -> sqlite3.Connection:
        db = sqlite3.connect(store, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS kiosk (id TEXT PRIMARY KEY, entry TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS record (id TEXT PRIMARY KEY, text TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS secret (k BLOB)")
        row = db.execute("SELECT k FROM secret").fetchone()
        if row is None:
            db.execute("INSERT INTO secret VALUES (?)", (bytes(self.private_key),))
        else:
            self.private_key = PrivateKey(row[0])
        for (entry,) in db.execute("SELECT entry FROM kiosk"):
            key = TrustedKey.from_json(json.loads(entry))
            self.kiosks[key.kiosk_id] = key
        for record_id, text in db.execute("SELECT id, text FROM record"):
            self.records[uuid.UUID(record_id)] = text
        return db

    def _persist(self, kiosk: TrustedKey | None, new: list[tuple[uuid.UUID, str]]) -> None:
        """Commit before answering, as a real hub does."""
        if self.db is None:
            return
        self.db.execute("BEGIN")
        if kiosk is not None:
            self.db.execute(
                "INSERT OR REPLACE INTO kiosk VALUES (?, ?)",
                (str(kiosk.kiosk_id), json.dumps(kiosk.to_json())),
            )
        self.db.executemany("INSERT INTO record VALUES (?, ?)", [(str(i), t) for i, t in new])
        self.db.execute("COMMIT")

    def trust(self) -> TrustList:
        return TrustList(tuple(self.kiosks.values()))

    # -- the API ------------------------------------------------------------------
    def enroll(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if body.get("code") not in self.codes:
            return 403, {"detail": "unknown, used or expired enrolment code"}
        self.codes.discard(body["code"])
        public = base64.b64decode(body["public_key"])
        key = TrustedKey(
            key_id_for(public), public, uuid.UUID(body["kiosk_id"]), body["commune_code"]
        )
        self.kiosks[key.kiosk_id] = key
        self._persist(key, [])
        return 200, {
            "kiosk_id": str(key.kiosk_id),
            "key_id": key.key_id,
            "hub_public_key": base64.b64encode(self.public_key).decode(),
            "trust_list": json.loads(self.trust().to_json_bytes()),
        }

    def post_records(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        kiosk_id = uuid.UUID(str(body.get("kiosk_id")))
        records = body.get("records")
        if kiosk_id not in self.kiosks:
            return 403, {"detail": "kiosk not enrolled"}
        if not isinstance(records, list) or len(records) > 500:
            return 422, {"detail": "records must be a list of at most 500"}
        trust = self.trust()
        accepted, duplicates, refused = [], [], []
        new: list[tuple[uuid.UUID, str]] = []
        for index, text in enumerate(records):
            result = verify(str(text), trust)
            if text in self.refuse_texts:
                refused.append({"record_id": None, "index": index, "reason": "revoked"})
                continue
            if result.record is None or result.failure is not None:
                reason = result.failure.value if result.failure else "malformed"
                refused.append({"record_id": None, "index": index, "reason": reason})
                continue
            record_id = result.record.record_id
            known = self.records.get(record_id)
            if known is None:
                self.records[record_id] = text
                new.append((record_id, text))
                accepted.append(str(record_id))
            elif known == text:
                duplicates.append(str(record_id))
            else:
                refused.append({"record_id": str(record_id), "index": index, "reason": "conflict"})
        self._persist(None, new)
        return 200, {"accepted": accepted, "duplicates": duplicates, "refused": refused}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path == "/api/v1/health":
                    self._answer(200, {"status": "ok", "database": "ok"})
                else:
                    self._answer(404, {"detail": "not found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                try:
                    body = json.loads(self.rfile.read(length))
                except json.JSONDecodeError:
                    self._answer(400, {"detail": "not JSON"})
                    return
                with hub.lock:
                    hub.requests += 1
                    failing = hub.fail_texts.intersection(body.get("records", ()))
                    if hub.fail_next > 0 or failing:
                        hub.fail_next -= 0 if failing else 1
                        status, answer = 503, {"detail": "database unavailable"}
                    elif self.path == "/api/v1/enroll":
                        status, answer = hub.enroll(body)
                    elif self.path == "/api/v1/records":
                        status, answer = hub.post_records(body)
                    else:
                        status, answer = 404, {"detail": "not found"}
                self._answer(status, answer)

        return Handler


def running_hub() -> Iterator[StubHub]:
    """Body of a ``hub`` fixture: ``yield from running_hub()``."""
    stub = StubHub().start()
    yield stub
    stub.stop()
