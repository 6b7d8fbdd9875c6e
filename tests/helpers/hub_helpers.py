"""Making kiosks, signed records and a hub for tests (plain functions, fast)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from kiosk_hub.catalogue import ReportNames
from kiosk_hub.context import HubContext, build_context
from kiosk_hub.enroll import EnrolmentRequest, create_code, enroll
from kiosk_hub.settings import HubSettings
from kiosk_records.codec import encode_slip
from kiosk_records.keys import KioskKey
from kiosk_records.record import CompletionRecord, LessonResult, TargetGroup
from kiosk_records.sealing import seal_citizen_id

COMMUNE = "03127"  # Phường Điện Biên Phủ
OTHER_COMMUNE = "03158"  # Xã Sín Thầu
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


class FakeKiosk:
    """A kiosk: its id, key and commune. Deterministic from a name."""

    def __init__(self, name: str, commune: str = COMMUNE) -> None:
        seed = hashlib.sha256(name.encode()).digest()
        self.key = KioskKey(seed)
        self.id = uuid.UUID(bytes=seed[:16], version=4)
        self.commune = commune

    def record(
        self,
        serial: int,
        *,
        learner_ref: str = "00000000000000a1",
        lessons: tuple[int, ...] = (101,),
        on: date = date(2026, 3, 2),
        group: TargetGroup = TargetGroup.ADULT,
        name: str = "Lò Văn Minh",
        score: int = 90,
        citizen_id: str | None = None,
        hub_public_key: bytes | None = None,
    ) -> CompletionRecord:
        sealed = None
        if citizen_id is not None:
            assert hub_public_key is not None
            sealed = seal_citizen_id(citizen_id, hub_public_key)
        return CompletionRecord(
            kiosk_id=self.id,
            serial=serial,
            learner_ref=learner_ref,
            learner_name=name,
            birth_year=1980,
            commune_code=self.commune,
            lessons=tuple(LessonResult(code, 1, score) for code in lessons),
            completed_on=on,
            target_group=group,
            sealed_citizen_id=sealed,
        )

    def text(self, serial: int, **kwargs: object) -> str:
        return encode_slip(self.record(serial, **kwargs), self.key)  # type: ignore[arg-type]


def open_hub(tmp: Path, url: str, catalogue: ReportNames) -> HubContext:
    return build_context(HubSettings(data_dir=tmp / "hub", database_url=url), catalogue)


def enroll_kiosk(ctx: HubContext, kiosk: FakeKiosk, now: datetime = NOW) -> None:
    import base64

    with ctx.database.transaction() as s:
        code = create_code(s, kiosk.commune, now)
        req = EnrolmentRequest(
            code, kiosk.id, base64.b64encode(kiosk.key.public_key).decode(), kiosk.commune,
            "Nhà văn hoá bản Him Lam",
        )  # fmt: skip
        enroll(s, req, now)
