"""A real kiosk (its own data folder, database and key) enrolled with a real running hub,
and a logged-in web session on that hub: what the attack tests start from."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

import httpx
from sqlalchemy import insert

from kiosk.clock import utcnow
from kiosk.db.models import OutboxRecord
from kiosk.paths import DataPaths
from kiosk.services import Services, build_services
from kiosk.slips.local import kiosk_key
from kiosk.staff.setup import complete_setup
from kiosk.sync.enroll import enroll
from kiosk.sync.outbox import WAITING, sync_state
from kiosk_records.codec import encode_slip
from kiosk_records.keys import KioskKey
from kiosk_records.record import CompletionRecord, LessonResult, TargetGroup
from tests.helpers.real_hub import HUB_MAIN, HubProcess  # shared with the sync tests
from tests.helpers.web_helpers import form_token, log_in

PROVINCE_USER, PROVINCE_PASSWORD = "tinh", "mat-khau-tinh-1"


@dataclass
class RealKiosk:
    """A set-up kiosk enrolled with the hub; it signs what a stolen key would."""

    services: Services
    key: KioskKey
    id: uuid.UUID
    commune: str
    next_serial: int = 1000

    def record(
        self,
        on: date,
        *,
        commune: str | None = None,
        name: str = "Lò Văn Minh",
        sealed_citizen_id: bytes | None = None,
    ) -> CompletionRecord:
        self.next_serial += 1
        return CompletionRecord(
            kiosk_id=self.id,
            serial=self.next_serial,
            learner_ref=f"{self.next_serial:016x}",
            learner_name=name,
            birth_year=1980,
            commune_code=commune or self.commune,
            lessons=(LessonResult(101, 1, 90),),
            completed_on=on,
            target_group=TargetGroup.ADULT,
            sealed_citizen_id=sealed_citizen_id,
        )

    def text(self, record: CompletionRecord) -> str:
        return encode_slip(record, self.key)

    def into_outbox(self, records: list[CompletionRecord]) -> None:
        """As completions would: signed records waiting in the outbox."""
        now = utcnow()
        rows = [
            {"record_id": r.record_id, "kiosk_id": self.id, "serial": r.serial,
             "completion_id": None, "record_text": self.text(r), "status": WAITING,
             "attempts": 0, "created_at": now}
            for r in records
        ]  # fmt: skip
        with self.services.database.transaction() as session:
            session.execute(insert(OutboxRecord), rows)

    def hub_public_key(self) -> bytes:
        """The hub's public key, as the kiosk learnt it at enrolment."""
        with self.services.database.transaction() as session:
            key = sync_state(session).hub_public_key
        assert key is not None
        return key

    def close(self) -> None:
        self.services.close()


def real_kiosk(hub: HubProcess, data_dir: Path, commune: str) -> RealKiosk:
    """Set up a kiosk in ``data_dir`` and enrol it with a code from ``kiosk-hub``."""
    services = build_services(DataPaths(data_dir))
    with services.database.transaction() as session:
        identity = complete_setup(
            session, commune_code=commune, learning_point="Nhà văn hoá bản Him Lam",
            staff_pin="24681357", admin_pin="13579024",
            known_communes={u.code for u in services.units},
        )  # fmt: skip
    services.reload_identity()
    code = hub.cli("enroll-code", "--commune", commune).split()[0]
    key = kiosk_key(data_dir)
    enroll(services.database, hub.url, code, key, utcnow())
    return RealKiosk(services, key, uuid.UUID(str(identity.kiosk_id)), commune)


def add_province_user(hub: HubProcess) -> None:
    subprocess.run(
        [sys.executable, "-c", HUB_MAIN, "user", "add", PROVINCE_USER, "--role", "province"],
        env=hub.env, input=PROVINCE_PASSWORD + "\n", text=True, check=True, timeout=60,
        capture_output=True,
    )  # fmt: skip


def web_session(hub: HubProcess) -> httpx.Client:
    """A browser-like session of the province user on the hub's pages."""
    client = httpx.Client(base_url=hub.url, timeout=30)
    log_in(client, PROVINCE_USER, PROVINCE_PASSWORD)
    return client


def upload_path(web: httpx.Client) -> str:
    """The scan page's upload address, with the session's CSRF token as the page gives it."""
    return "/scan/upload?csrf=" + quote(form_token(web.get("/scan").text), safe="")


def hub_count(hub: HubProcess, table: str) -> int:
    with sqlite3.connect(hub.database, timeout=10) as con:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
