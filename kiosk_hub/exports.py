"""CSV and XLSX exports for official reports, and the VNeID consent list.

The consent list holds citizen IDs: they are opened here, with the hub key, and
nowhere else; every export of it is written to the access log.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.spreadsheet import csv_bytes, looks_like_formula
from kiosk_hub.auth import Viewer
from kiosk_hub.catalogue import TARGET_GROUPS, TRACKS, ReportNames
from kiosk_hub.keys import HubKey
from kiosk_hub.models import AccessLog, Learner
from kiosk_hub.reports import dashboard, summary

Table = tuple[list[str], list[list[object]]]

SUMMARY_HEADER = [
    "commune_code", "commune", "target_group", "track", "completions",
]  # fmt: skip
COMMUNE_HEADER = ["commune_code", "commune", "learners", "completions"]
CONSENT_HEADER = [
    "commune_code", "commune", "name", "birth_year", "citizen_id", "target_group",
    "first_completed_on", "kiosk_id", "learner_ref",
]  # fmt: skip


def summary_table(session: Session, catalogue: ReportNames, viewer: Viewer) -> Table:
    """Completions by commune × target group × track, every unit and group listed."""
    commune = None if viewer.is_province else viewer.commune_code
    counts = {
        (r.commune_code, r.target_group, r.track): r.completions for r in summary(session, commune)
    }
    rows: list[list[object]] = []
    for unit in catalogue.units:
        if not viewer.may_see(unit.code):
            continue
        for group, group_label in TARGET_GROUPS.items():
            for track, track_label in TRACKS.items():
                n = counts.get((unit.code, group, track), 0)
                rows.append([unit.code, unit.label_vi, group_label, track_label, n])
    return SUMMARY_HEADER, rows


def commune_table(session: Session, catalogue: ReportNames, viewer: Viewer) -> Table:
    commune = None if viewer.is_province else viewer.commune_code
    board = dashboard(session, catalogue, commune)
    return COMMUNE_HEADER, [[c.code, c.name, c.learners, c.completions] for c in board.communes]


def consent_table(
    session: Session, catalogue: ReportNames, viewer: Viewer, key: HubKey, now: datetime
) -> Table:
    """Learners who agreed to share their citizen ID for VNeID confirmation, IDs opened."""
    stmt = select(Learner).where(Learner.sealed_citizen_id.is_not(None))
    if not viewer.is_province:
        stmt = stmt.where(Learner.commune_code == viewer.commune_code)
    rows: list[list[object]] = []
    for learner in session.scalars(stmt.order_by(Learner.commune_code, Learner.name)):
        assert learner.sealed_citizen_id is not None
        try:
            citizen_id = key.open_citizen_id(learner.sealed_citizen_id)
        except ValueError:
            citizen_id = "(sealed for another hub key)"
        rows.append([
            learner.commune_code, catalogue.unit_label(learner.commune_code), learner.name,
            learner.birth_year, citizen_id, TARGET_GROUPS.get(learner.target_group, ""),
            learner.first_completed_on.isoformat(), str(learner.kiosk_id), learner.learner_ref,
        ])  # fmt: skip
    session.add(
        AccessLog(
            at=now, user_name=viewer.name, action="export_consent", detail=f"{len(rows)} rows"
        )
    )
    return CONSENT_HEADER, rows


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark; learner text never read as a formula."""
    return csv_bytes(*table)


def to_xlsx(sheets: Sequence[tuple[str, Table]]) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)
    for title, (header, rows) in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if looks_like_formula(cell.value):  # learner text: a text cell, never run
                    cell.data_type, cell.quotePrefix = "s", True
        sheet.freeze_panes = "A2"
        for column, name in zip(sheet.columns, header, strict=False):
            width = max(len(name), *(len(str(c.value or "")) for c in column[:200]))
            sheet.column_dimensions[column[0].column_letter].width = min(width + 2, 50)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
