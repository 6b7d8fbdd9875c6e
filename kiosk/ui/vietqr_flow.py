"""VietQR for real stalls: the staff menu item, the form check and saving/printing posters.

``check_form`` is plain Python: it turns what staff typed into a payload, parses the
payload back (the self-check) and says what is wrong in Vietnamese.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import QWidget

from kiosk.navigation import Screen
from kiosk.ui.staff_flow import MenuItem
from kiosk.ui.worker import run_in_background
from kiosk.vietqr.banks import bank_name, banks
from kiosk.vietqr.payload import (
    MAX_ACCOUNT_DIGITS,
    MAX_AMOUNT_DIGITS,
    MAX_TEXT,
    VietQRError,
    build_payload,
    fold_ascii,
    parse_payload,
)
from kiosk_records.files import write_atomic

if TYPE_CHECKING:
    from collections.abc import Callable

    from kiosk.ui.controller import Controller
    from kiosk.ui.screens.staff.vietqr import VietQRScreen

log = logging.getLogger(__name__)
PosterSize = Literal["A5", "A6"]


@dataclass(frozen=True)
class QrForm:
    """What staff typed, as typed."""

    bin: str
    account: str
    account_name: str
    shop: str = ""
    amount: str = ""
    purpose: str = ""
    bill: str = ""


@dataclass(frozen=True)
class QrCheck:
    payload: str | None  # None: not valid yet
    error: str | None  # in Vietnamese; None when the code is valid
    field: str | None  # which input the error is about
    shown: tuple[str, ...]  # the fields read back from the payload (the self-check)
    account_name: str  # as banks show it: upper-case ASCII


def bank_choices() -> list[tuple[str, str]]:
    """(BIN, name) of the shipped banks, by name."""
    return sorted(banks().items(), key=lambda item: item[1].lower())


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đ"


def check_form(tr: Callable[..., str], form: QrForm) -> QrCheck:
    """The payload for ``form`` and its read-back, or the first problem in Vietnamese."""
    name = re.sub(r"\s+", " ", fold_ascii(form.account_name).upper()).strip()

    def bad(key: str, field: str, **values: object) -> QrCheck:
        return QrCheck(None, tr(key, **values), field, (), name)

    account = re.sub(r"[\s.-]", "", form.account)
    if bank_name(form.bin) is None:
        return bad("vietqr.error.bank", "bank")
    if not account:
        return bad("vietqr.error.account_empty", "account")
    if not (account.isascii() and account.isdigit()) or len(account) > MAX_ACCOUNT_DIGITS:
        return bad("vietqr.error.account", "account", n=MAX_ACCOUNT_DIGITS)
    if not name:
        return bad("vietqr.error.name_empty", "account_name")
    if not all(" " <= ch <= "~" for ch in name) or len(name) > 50:
        return bad("vietqr.error.name", "account_name")
    amount: int | None = None
    typed_amount = re.sub(r"[\s.,_]|đ$|d$", "", form.amount.strip().lower())
    if typed_amount:
        if not (typed_amount.isascii() and typed_amount.isdigit()) or int(typed_amount) <= 0:
            return bad("vietqr.error.amount", "amount")
        if len(typed_amount) > MAX_AMOUNT_DIGITS:
            return bad("vietqr.error.amount_long", "amount")
        amount = int(typed_amount)
    texts: dict[str, str | None] = {}
    for field in ("purpose", "bill"):
        value = fold_ascii(getattr(form, field)).strip() or None
        if value is not None and (len(value) > MAX_TEXT or not value.isascii()):
            return bad(f"vietqr.error.{field}", field, n=MAX_TEXT)
        texts[field] = value
    try:
        payload = build_payload(form.bin, account, amount, texts["purpose"], texts["bill"])
        back = parse_payload(payload)
    except VietQRError as exc:
        return bad("vietqr.error.build", "account", reason=str(exc))
    wanted = (form.bin, account, amount, texts["purpose"], texts["bill"])
    if (back.bin, back.account, back.amount, back.purpose, back.bill) != wanted:
        return bad("vietqr.error.self_check", "account")
    shown = [
        tr("vietqr.back.bank", bank=back.bank or back.bin, bin=back.bin),
        tr("vietqr.back.account", account=back.account),
        tr("vietqr.back.amount", amount=vnd(back.amount))
        if back.amount is not None
        else tr("vietqr.back.no_amount"),
    ]
    if back.purpose:
        shown.append(tr("vietqr.back.purpose", purpose=back.purpose))
    if back.bill:
        shown.append(tr("vietqr.back.bill", bill=back.bill))
    return QrCheck(payload, None, None, tuple(shown), name)


def poster_file_name(shop: str, size: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold_ascii(shop).lower()).strip("-")[:40] or "cua-hang"
    return f"vietqr-{slug}-{size}.pdf"


def make_poster(form: QrForm, check: QrCheck, size: PosterSize, folder: Path) -> Path:
    """Render the poster PDF (its own self-check parses the payload again) and write it
    atomically into ``folder``. Slow: call on a worker."""
    from kiosk.vietqr.poster import render_poster

    assert check.payload is not None
    bank = bank_name(form.bin) or form.bin
    pdf = render_poster(form.shop.strip(), bank, check.account_name, check.payload, size)
    path = folder / poster_file_name(form.shop, size)
    write_atomic(path, pdf)
    return path


class VietQRFlow:
    def __init__(self, controller: Controller) -> None:
        self.c = controller
        self.screen: VietQRScreen | None = None
        self.check: QrCheck | None = None
        self.form: QrForm | None = None
        self.folder = controller.services.paths.root / "posters"
        controller.builders[Screen.STAFF_VIETQR] = self._build
        controller.staff.add_item(
            MenuItem("vietqr.menu_item", lambda: controller.show(Screen.STAFF_VIETQR))
        )

    def _build(self) -> QWidget:
        from kiosk.ui.printing import choose_printer
        from kiosk.ui.screens.staff.vietqr import VietQRScreen

        t = self.c.t
        printer = choose_printer(self.c.services.settings.printer)
        screen = VietQRScreen(t, bank_choices(), printer)
        screen.back_requested.connect(lambda: self.c.show(Screen.STAFF_MENU))
        screen.form_changed.connect(self.update)
        screen.save_requested.connect(self.save)
        screen.print_requested.connect(self.print_poster)
        screen.choose_folder_requested.connect(self._choose_folder)
        screen.show_folder(str(self.folder))
        self.screen, self.check, self.form = screen, None, None
        self.update(screen.form())
        return screen

    def update(self, form: QrForm) -> None:
        self.form = form
        self.check = check_form(self.c.t, form)
        if self.screen is not None:
            self.screen.show_check(self.check)

    def _ready(self) -> bool:
        """A valid code and a shop name: the poster can be made."""
        screen, check, form = self.screen, self.check, self.form
        if screen is None or check is None or form is None:
            return False
        if check.payload is None:
            screen.show_message(check.error or "", error=True)
            return False
        if not form.shop.strip():
            screen.show_message(self.c.t("vietqr.error.shop"), error=True)
            return False
        return True

    def save(self, size: PosterSize) -> None:
        if not self._ready():
            return
        assert self.screen is not None and self.form is not None and self.check is not None
        form, check, folder, screen = self.form, self.check, self.folder, self.screen
        screen.show_message(self.c.t("vietqr.saving"))
        run_in_background(
            lambda: make_poster(form, check, size, folder),
            lambda path: self._saved(path, size),
            self._failed,
            context=screen,
        )

    def _saved(self, path: Path, size: str) -> None:
        from kiosk import audit

        db = self.c.services.database
        if db is not None:
            with db.transaction() as session:  # which bank and size, never the account
                audit.record(session, "staff", "vietqr_poster", bank=self.form and self.form.bin,
                             size=size)  # fmt: skip
        if self.screen is not None:
            self.screen.show_message(self.c.t("vietqr.saved", path=str(path)))

    def print_poster(self, size: PosterSize) -> None:
        from kiosk.ui.printing import SystemPrinter, choose_printer

        if not self._ready():
            return
        name = choose_printer(self.c.services.settings.printer)
        assert self.screen is not None and self.form is not None and self.check is not None
        if name is None:
            self.screen.show_message(self.c.t("vietqr.no_printer"), error=True)
            return
        form, check, screen = self.form, self.check, self.screen

        def work() -> None:
            from kiosk.vietqr.poster import render_poster

            assert check.payload is not None
            bank = bank_name(form.bin) or form.bin
            pdf = render_poster(form.shop.strip(), bank, check.account_name, check.payload, size)
            SystemPrinter(name).send(pdf, poster_file_name(form.shop, size))

        screen.show_message(self.c.t("printing.sending"))
        run_in_background(
            work, lambda _: screen.show_message(self.c.t("vietqr.printed", name=name)),
            self._failed, context=screen,
        )  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        log.warning("vietqr poster: %s", exc)
        if self.screen is not None:
            reason = getattr(exc, "strerror", None) or str(exc)
            self.screen.show_message(self.c.t("vietqr.failed", reason=reason), error=True)

    def _choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self.screen,
            self.c.t("printing.choose_folder"),
            str(self.folder),
            QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
        )
        if folder:
            self.folder = Path(folder)
            if self.screen is not None:
                self.screen.show_folder(folder)
