"""A lesson that uses every step kind, as plain data (shared by the content tests)."""

from __future__ import annotations

from typing import Any


def t(vi: str, en: str | None = None) -> dict[str, str]:
    return {"vi": vi, **({"en": en} if en else {})}


ALL_KINDS: dict[str, Any] = {
    "schema_version": 1,
    "id": "all-kinds",
    "version": 3,
    "title": t("Mọi loại bước", "Every step kind"),
    "summary": t("Bài thử", "A test lesson"),
    "track": "device_basics",
    "target_groups": ["adults", "pupils"],
    "estimated_minutes": 5,
    "pass_rule": {"min_practice_done": 1.0, "min_quiz_right": 0.5},
    "screens": {
        "main": {
            "app": "home",
            "elements": [
                {"type": "status_bar", "id": "status"},
                {"type": "button", "id": "btn", "label": t("Mở", "Open")},
                {"type": "text_field", "id": "field", "label": t("Họ tên")},
                {"type": "list_item", "id": "item-a", "title": t("Một")},
                {"type": "list_item", "id": "item-b", "title": t("Hai")},
                {"type": "keypad", "id": "pad", "purpose": "pin", "length": 4},
                {"type": "camera_viewfinder", "id": "cam"},
                {"type": "qr_code", "id": "qr", "payload": "PRACTICE-1"},
                {"type": "qr_code", "id": "qr2", "payload": "OTHER"},
                {"type": "message", "id": "link", "sender": "x", "text": t("Bấm vào đây")},
            ],
        }
    },
    "steps": [
        {
            "id": "intro",
            "kind": "explain",
            "narration": t("Chào bạn", "Hello"),
            "audio": {"vi": "media/intro-vi.ogg"},
        },
        {
            "id": "tap",
            "kind": "tap",
            "screen": "main",
            "target": "btn",
            "narration": t("Chạm nút Mở", "Tap Open"),
            "hints": [
                {"text": t("Nút ở trên", "The top button"), "after_wrong": 1},
                {"text": t("Nút màu xanh"), "after_wrong": None, "after_seconds": 10},
            ],
            "feedback": {
                "right": t("Đúng"),
                "wrong": t("Sai"),
                "elements": {"link": t("Đừng bấm link lạ")},
            },
        },
        {
            "id": "hold",
            "kind": "long_press",
            "screen": "main",
            "target": "btn",
            "narration": t("Nhấn giữ"),
        },
        {
            "id": "swipe",
            "kind": "swipe",
            "screen": "main",
            "target": "status",
            "direction": "down",
            "narration": t("Vuốt xuống"),
        },
        {
            "id": "type",
            "kind": "type_text",
            "screen": "main",
            "target": "field",
            "narration": t("Gõ Nguyễn Văn Mẫu"),
            "rule": {"match": "exact", "values": ["Nguyễn Văn Mẫu"], "ignore_accents": True},
        },
        {
            "id": "pick",
            "kind": "pick",
            "screen": "main",
            "target": "item-b",
            "narration": t("Chọn Hai"),
        },
        {
            "id": "pin",
            "kind": "keypad",
            "screen": "main",
            "target": "pad",
            "expected": "2468",
            "narration": t("Nhập mã PIN luyện tập 2468"),
        },
        {
            "id": "scan",
            "kind": "scan_qr",
            "screen": "main",
            "target": "qr",
            "narration": t("Quét mã"),
        },
        {
            "id": "q1",
            "kind": "quiz",
            "narration": t("Câu hỏi một"),
            "options": [
                {"id": "a", "text": t("A"), "correct": True},
                {"id": "b", "text": t("B"), "feedback": t("B sai vì...")},
            ],
        },
        {
            "id": "q2",
            "kind": "quiz",
            "mode": "multiple",
            "max_tries": 2,
            "narration": t("Câu hỏi hai"),
            "options": [
                {"id": "x", "text": t("X"), "correct": True},
                {"id": "y", "text": t("Y"), "correct": True},
                {"id": "z", "text": t("Z")},
            ],
        },
    ],
}
