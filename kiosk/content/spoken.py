"""How a lesson text is said aloud: numbers as people say them (the one set of rules).

The synthetic voice reads digits as quantities ("0000 1111 22" becomes "một nghìn một trăm
mười một...") and money badly ("hai mươi nghìn không trăm đồng"). ``spoken_text`` rewrites a
text for the voice only; what the learner reads on screen is unchanged. The rules, in order:

- words the voice says badly (VNeID, OTP, QR...) get their spoken form;
- dates (05/12/2026) and clock times (23:00) as dates and times;
- amounts (20.000 đồng, 1.250.000 đ, 200.000) as money: "hai mươi nghìn đồng";
- percentages as "... phần trăm";
- account, phone and ID numbers, codes and service numbers (113, 156, 5656) digit by digit,
  groups kept apart by a short pause: "không không không không, một một một một, hai hai";
- codes mixing letters and digits (LT0000123, hocso2025): capitals letter by letter, digits
  one by one;
- other small numbers (1-4 digits, no leading zero) as quantities: "năm số 0" stays, "2" is "hai".
"""

from __future__ import annotations

import re

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
GROUPS = ("", "nghìn", "triệu", "tỷ")
# Short numbers people say digit by digit: emergency and report lines (lesson-facts.md).
SERVICE_NUMBERS = frozenset({"111", "112", "113", "114", "115", "156", "5656"})
MONEY_UNITS = r"(?:đồng|đ|₫|VNĐ|VND)"

# How the synthetic Vietnamese voice should say words it reads badly.
SAY_VI = {
    "VNeID": "vê en e i đê",
    "OTP": "ô tê pê",
    "PIN": "pin",
    "QR": "qui a",
    "Wi-Fi": "oai phai",
    "WiFi": "oai phai",
    "CH Play": "xê hát plây",
    "App Store": "áp xto",
    "Zalo": "da lô",
    "SMS": "ét em ét",
    ".apk": "chấm a pê ca",
    "4G": "bốn gờ",
    "passcode": "pát cốt",  # the VNeID app's own word
    "Passcode": "pát cốt",
}


def number_words(n: int) -> str:
    """A whole number in Vietnamese words, as it is said (185000 -> một trăm tám mươi lăm nghìn)."""
    if n < 0:
        return "âm " + number_words(-n)
    if n == 0:
        return DIGITS[0]
    groups: list[int] = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words.append(_hundreds(group, full=bool(words)))
        unit = _group_unit(index)
        if unit:
            words.append(unit)
    return " ".join(words)


def _group_unit(index: int) -> str:
    """nghìn, triệu, tỷ, then nghìn tỷ, triệu tỷ..."""
    if index < len(GROUPS):
        return GROUPS[index]
    return f"{GROUPS[index % 3]} tỷ".strip()


def _hundreds(n: int, *, full: bool) -> str:
    """0 < n < 1000; ``full`` when a larger group came first (1.005.000: không trăm linh năm)."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else DIGITS[units])
    else:
        words += [DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, DIGITS[units]))
    return " ".join(words)


def digit_words(digits: str) -> str:
    """Digit by digit: "0912" -> "không chín một hai"."""
    return " ".join(DIGITS[int(d)] for d in digits if d.isdigit())


def _month(n: int) -> str:
    return "tư" if n == 4 else number_words(n)


def _date(match: re.Match[str]) -> str:
    day, month, year = (int(g) for g in match.groups())
    return f"ngày {number_words(day)} tháng {_month(month)} năm {number_words(year)}"


def _month_year(match: re.Match[str]) -> str:
    month, year = (int(g) for g in match.groups())
    return f"tháng {_month(month)} năm {number_words(year)}"


def _time(match: re.Match[str]) -> str:
    hours, minutes = int(match.group(1)), int(match.group(2))
    said = f"{number_words(hours)} giờ"
    return f"{said} {number_words(minutes)} phút" if minutes else said


def _amount(match: re.Match[str]) -> str:
    value = int(match.group(1).replace(".", ""))
    return number_words(value) + (" đồng" if match.group(2) else "")


def _digit_groups(match: re.Match[str]) -> str:
    return ", ".join(digit_words(group) for group in match.group(0).split())


def _code(match: re.Match[str]) -> str:
    parts: list[str] = []
    for run in re.findall(r"[A-ZĐ]+|[a-zđ]+|\d+", match.group(0)):
        if run.isdigit():
            parts.append(digit_words(run))
        elif run.isupper():
            parts.append(" ".join(run))
        else:
            parts.append(run)
    return " ".join(parts)


def _plain_number(match: re.Match[str]) -> str:
    digits = match.group(0)
    if digits in SERVICE_NUMBERS or digits.startswith("0") or len(digits) > 4:
        said = digit_words(digits)
    else:
        said = number_words(int(digits))
    before = match.string[match.start() - 1 : match.start()]
    after = match.string[match.end() : match.end() + 1]
    # Words must not run into letters left beside the number ("0%0", "3G").
    return (" " if before.isalpha() else "") + said + (" " if after.isalpha() else "")


_AMOUNT = re.compile(rf"(?<![\d.])(\d{{1,3}}(?:\.\d{{3}})+)(\s*{MONEY_UNITS}(?!\w))?")
_MONEY = re.compile(rf"(?<![\d.])(\d+)(\s*{MONEY_UNITS}(?!\w))")


def spoken_text(text: str, lang: str = "vi") -> str:
    """``text`` as the narration voice should say it (the text on screen is unchanged)."""
    text = text.replace("“", "").replace("”", "").replace('"', "")
    if lang != "vi":
        # Other languages: only codes to type (6+ digits) are read digit by digit.
        return re.sub(r"\b\d{6,}\b", lambda m: " ".join(m.group()), text)
    for word, said in SAY_VI.items():
        text = re.sub(rf"(?<![\w]){re.escape(word)}(?![\w])", said, text)
    text = re.sub(r"(?:\bngày\s+)?\b(\d{1,2})/(\d{1,2})/(\d{4})\b", _date, text)
    text = re.sub(r"(?:\btháng\s+)?\b(\d{1,2})/(\d{4})\b", _month_year, text)
    text = re.sub(r"\b([01]?\d|2[0-3]):([0-5]\d)\b", _time, text)
    text = _AMOUNT.sub(_amount, text)  # 200.000, 1.250.000 đ: dotted thousands are amounts
    text = _MONEY.sub(_amount, text)  # 500 đồng
    text = re.sub(r"(\d+)\s*%", lambda m: f"{number_words(int(m.group(1)))} phần trăm", text)
    text = re.sub(r"(?<!\w)(?<!\d\.)\d{2,}(?: \d+)+(?!\w|\.\d)", _digit_groups, text)
    text = re.sub(r"\b(?=[A-Za-zĐđ]*\d)(?=\d*[A-Za-zĐđ])[A-Za-zĐđ0-9]+\b", _code, text)
    return re.sub(r"\d+", _plain_number, text)
