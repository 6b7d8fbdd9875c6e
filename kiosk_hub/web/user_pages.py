"""Dashboard users, managed by province staff: add one, set a new password, remove one.

The same rules as ``kiosk-hub user add`` (`kiosk_hub.auth.add_user`), with the reasons
in Vietnamese on the page. Every change is written to the access log.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from kiosk_hub.auth import MIN_PASSWORD, ROLES, Viewer, add_user
from kiosk_hub.models import AccessLog, User
from kiosk_hub.sessions import end_sessions
from kiosk_hub.web.session import hub, province, render

Province = Annotated[Viewer, Depends(province)]
Field = Annotated[str, Form(max_length=256)]


def user_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/admin/users")
    def users_page(request: Request, who: Province, error: str = "", done: str = "") -> Any:
        with hub(request).database.transaction() as session:
            users = list(session.scalars(select(User).order_by(User.role.desc(), User.name)))
        return render(request, "users.html", who=who, users=users, error=error, done=done,
                      units=hub(request).catalogue.units,
                      status_code=400 if error else 200)  # fmt: skip

    @router.post("/admin/users")
    def save_user(
        request: Request,
        who: Province,
        name: Field = "",
        role: Field = "",
        commune: Field = "",
        password: Field = "",
    ) -> Any:
        ctx = hub(request)
        name = name.strip()
        error = _problem(name, role, commune, password, ctx.catalogue.unit_codes)
        if error:
            return users_page(request, who, error=error)
        with ctx.database.transaction() as session:
            existed = session.get(User, name) is not None
            add_user(session, name, password, role, commune if role == "commune" else None)
            action = "user_password_set" if existed else "user_added"
            session.add(AccessLog(user_name=who.name, action=action, detail=f"{name} ({role})"))
        done = f"Đã đặt mật khẩu mới cho {name}." if existed else f"Đã thêm người dùng {name}."
        return users_page(request, who, done=done)

    @router.post("/admin/users/remove")
    def remove_user(request: Request, who: Province, name: Field = "") -> Response:
        if name != who.name:  # nobody removes themselves (the last province user stays)
            with hub(request).database.transaction() as session:
                user = session.get(User, name)
                if user is not None:
                    end_sessions(session, name)
                    session.delete(user)
                    session.add(AccessLog(user_name=who.name, action="user_removed", detail=name))
        return RedirectResponse("/admin/users", status_code=303)

    return router


def _problem(name: str, role: str, commune: str, password: str, units: frozenset[str]) -> str:
    """What is wrong with the form, in Vietnamese ("" when nothing)."""
    if not 1 <= len(name) <= 64:
        return "Tên đăng nhập phải có từ 1 đến 64 ký tự."
    if role not in ROLES:
        return "Hãy chọn vai trò: cấp tỉnh hoặc cấp xã."
    if role == "commune" and commune not in units:
        return "Người dùng cấp xã cần chọn một xã, phường của Điện Biên."
    if len(password) < MIN_PASSWORD:
        return f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự."
    return ""
