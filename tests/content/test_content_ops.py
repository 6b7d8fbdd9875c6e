"""Installing and rolling back packs as the admin screen does: both in the audit log."""

from __future__ import annotations

from kiosk import audit
from kiosk.content.ops import install_pack, roll_back_pack
from kiosk.content.plan import plan_install
from tests.content.test_content_install import lesson, write_pack


def test_install_then_roll_back_are_audited(ready_services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = ready_services
    for version in (1, 2):
        pack = write_pack(tmp_path / f"v{version}" / "market", version, [lesson("m-a", 9001)])
        install_pack(s, plan_install(pack, s.paths.root))
    assert roll_back_pack(s, "market") == 1
    s.reload_content()
    assert s.content().lesson("m-a").pack.manifest.version == 1
    with s.db.transaction() as session:
        actions = [(e.action, e.detail.get("version")) for e in audit.recent(session)]
    assert ("content_rolled_back", 1) in actions and ("content_installed", 2) in actions
