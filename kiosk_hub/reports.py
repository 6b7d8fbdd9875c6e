"""What the dashboard and the exports show, from the maintained tallies.

Summaries read `completion_tally` and `learner_tally` (a few thousand rows however
many completions there are), so they stay fast with millions of facts.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk_hub.catalogue import TARGET_GROUPS, TRACKS, ReportNames
from kiosk_hub.models import CompletionTally, Kiosk, Learner, LearnerTally, Record

VNEID_TARGET = 330_000  # adults confirmed on VNeID, province plan for 2026
MAX_GAPS_SHOWN = 20


@dataclass(frozen=True)
class SummaryRow:
    commune_code: str
    target_group: int
    track: str
    completions: int


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True)
class CommuneLine:
    code: str
    name: str
    learners: int
    completions: int


@dataclass(frozen=True)
class KioskLine:
    kiosk_id: uuid.UUID
    commune: str
    learning_point: str
    last_contact_at: datetime | None
    last_record_at: datetime | None
    records: int
    highest_serial: int
    gaps: list[tuple[int, int]]
    missing: int
    revoked_from: date | None


@dataclass(frozen=True)
class Dashboard:
    communes: list[CommuneLine]
    by_group: list[tuple[str, int, int]]  # label, learners, completions
    by_track: list[Bar]
    by_month: list[tuple[str, int, int]]  # yyyy-mm, learners, completions
    learners: int
    completions: int
    vneid_learners: int
    vneid_target: int
    kiosks: list[KioskLine]


def summary(session: Session, commune: str | None = None) -> list[SummaryRow]:
    """Completions by commune × target group × track (the official report's table)."""
    t = CompletionTally
    stmt = select(t.commune_code, t.target_group, t.track, func.sum(t.completions)).group_by(
        t.commune_code, t.target_group, t.track
    )
    if commune is not None:
        stmt = stmt.where(t.commune_code == commune)
    return [SummaryRow(c, int(g), str(tr), int(n)) for c, g, tr, n in session.execute(stmt)]


def learners_by(session: Session, commune: str | None, *cols: str) -> dict[tuple[object, ...], int]:
    lt = LearnerTally
    columns = [getattr(lt, c) for c in cols]
    stmt = select(*columns, func.sum(lt.learners)).group_by(*columns)
    if commune is not None:
        stmt = stmt.where(lt.commune_code == commune)
    return {tuple(row[:-1]): int(row[-1]) for row in session.execute(stmt)}


def completions_by_month(session: Session, commune: str | None) -> dict[date, int]:
    t = CompletionTally
    stmt = select(t.month, func.sum(t.completions)).group_by(t.month)
    if commune is not None:
        stmt = stmt.where(t.commune_code == commune)
    return {m: int(n) for m, n in session.execute(stmt)}


def kiosk_lines(session: Session, catalogue: ReportNames, commune: str | None) -> list[KioskLine]:
    """Kiosks with last contact, record counts and serial gaps (slips never received)."""
    prev = func.lag(Record.serial, 1, 0).over(partition_by=Record.kiosk_id, order_by=Record.serial)
    inner = select(Record.kiosk_id, Record.serial, prev.label("prev")).subquery()
    gaps: dict[uuid.UUID, list[tuple[int, int]]] = defaultdict(list)
    gap_rows = session.execute(
        select(inner.c.kiosk_id, inner.c.prev + 1, inner.c.serial - 1)
        .where(inner.c.serial - inner.c.prev > 1)
        .order_by(inner.c.kiosk_id, inner.c.serial)
    )
    for kid, first, last in gap_rows:
        gaps[kid].append((int(first), int(last)))
    stats = {
        kid: (int(n), int(top))
        for kid, n, top in session.execute(
            select(Record.kiosk_id, func.count(), func.max(Record.serial)).group_by(Record.kiosk_id)
        )
    }
    stmt = select(Kiosk).order_by(Kiosk.commune_code, Kiosk.learning_point)
    if commune is not None:
        stmt = stmt.where(Kiosk.commune_code == commune)
    lines = []
    for k in session.scalars(stmt):
        n, top = stats.get(k.id, (0, 0))
        kg = gaps.get(k.id, [])
        lines.append(
            KioskLine(
                k.id, catalogue.unit_label(k.commune_code), k.learning_point, k.last_contact_at,
                k.last_record_at, n, top, kg[:MAX_GAPS_SHOWN],
                sum(b - a + 1 for a, b in kg), k.revoked_from,
            )
        )  # fmt: skip
    return lines


def dashboard(session: Session, catalogue: ReportNames, commune: str | None = None) -> Dashboard:
    """Everything the dashboard page shows, for one commune or (None) the whole province."""
    rows = summary(session, commune)
    learners_commune = learners_by(session, commune, "commune_code")
    completions_commune: dict[str, int] = defaultdict(int)
    completions_group: dict[int, int] = defaultdict(int)
    completions_track: dict[str, int] = defaultdict(int)
    for r in rows:
        completions_commune[r.commune_code] += r.completions
        completions_group[r.target_group] += r.completions
        completions_track[r.track] += r.completions
    units = [u for u in catalogue.units if commune is None or u.code == commune]
    communes = [
        CommuneLine(
            u.code, u.label_vi, learners_commune.get((u.code,), 0), completions_commune[u.code]
        )
        for u in units
    ]
    learners_group = learners_by(session, commune, "target_group")
    by_group = [
        (label, learners_group.get((g,), 0), completions_group[g])
        for g, label in TARGET_GROUPS.items()
    ]
    by_track = [Bar(label, completions_track[key]) for key, label in TRACKS.items()]
    learners_month: dict[date, int] = {
        k[0]: v  # type: ignore[misc]
        for k, v in learners_by(session, commune, "month").items()
    }
    completions_month = completions_by_month(session, commune)
    months = sorted(set(learners_month) | set(completions_month))[-12:]
    by_month = [
        (m.strftime("%Y-%m"), learners_month.get(m, 0), completions_month.get(m, 0)) for m in months
    ]
    vneid = select(func.count()).select_from(Learner).where(Learner.vneid_on.is_not(None))
    if commune is not None:
        vneid = vneid.where(Learner.commune_code == commune)
    return Dashboard(
        communes=communes,
        by_group=by_group,
        by_track=by_track,
        by_month=by_month,
        learners=sum(learners_commune.values()),
        completions=sum(completions_commune.values()),
        vneid_learners=int(session.scalar(vneid) or 0),
        vneid_target=VNEID_TARGET,
        kiosks=kiosk_lines(session, catalogue, commune),
    )
