"""What the admin does with content packs: install one, roll one back. Both audited.

They copy many files, so the screen runs them on a worker; the caller then reloads the
kiosk's catalogue (``Services.reload_content``) on the UI thread.
"""

from __future__ import annotations

from kiosk import audit
from kiosk.content.install import install, rollback
from kiosk.content.plan import InstallPlan
from kiosk.services import Services
from kiosk.staff.roles import Role


def install_pack(services: Services, plan: InstallPlan) -> None:
    """Install a checked pack. Raises InstallError (nothing changed) if it cannot be."""
    install(plan)
    with services.db.transaction() as session:
        audit.record(
            session,
            Role.ADMIN.value,
            "content_installed",
            pack=plan.pack_id,
            version=plan.version,
            replaced=plan.current_version,
            new=len(plan.new),
            updated=len(plan.updated),
            removed=len(plan.removed),
        )


def roll_back_pack(services: Services, pack_id: str) -> int:
    """Bring back the version an install replaced; returns that version.

    Raises:
        InstallError: nothing to roll back to (nothing changed).
    """
    version = rollback(pack_id, services.paths.root)
    with services.db.transaction() as session:
        audit.record(
            session, Role.ADMIN.value, "content_rolled_back", pack=pack_id, version=version
        )
    return version
