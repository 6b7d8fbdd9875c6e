import subprocess
from pathlib import Path

import pytest
from PIL import Image

from kiosk.slips.qr import decode_qr_texts
from kiosk.vietqr import cli
from kiosk.vietqr.payload import FieldError, build_payload, parse_payload
from kiosk.vietqr.practice import practice_payload


def decode_pdf(pdf: Path, tmp_path: Path) -> list[str]:
    subprocess.run(["pdftoppm", "-r", "150", "-mono", str(pdf), str(tmp_path / "p")], check=True)
    (page,) = tmp_path.glob("p*.pbm")
    with Image.open(page) as image:
        return decode_qr_texts(image.convert("L"))


def pdf_text(pdf: Path) -> str:
    result = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


@pytest.mark.parametrize("size", ["A5", "A6"])
def test_poster_qr_decodes_to_the_payload(size: str, tmp_path: Path) -> None:
    from kiosk.vietqr.poster import CHECK_NAME, render_poster

    payload = build_payload("970405", "7300205123456", purpose="mua rau")
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(
        render_poster("Quán Cô Lò Thị Hương", "Agribank", "LO THI HUONG", payload, size)
    )  # type: ignore[arg-type]
    assert decode_pdf(pdf, tmp_path) == [payload]
    text = " ".join(pdf_text(pdf).split())
    for phrase in ("Quán Cô Lò Thị Hương", "Agribank", "LO THI HUONG", CHECK_NAME):
        assert phrase in text


def test_practice_poster_says_so(tmp_path: Path) -> None:
    from kiosk.vietqr.poster import PRACTICE_BANNER, render_poster

    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(render_poster("Chợ số", "Luyện tập", "LUYEN TAP", practice_payload(), "A6"))
    assert PRACTICE_BANNER in " ".join(pdf_text(pdf).split())
    assert decode_pdf(pdf, tmp_path) == [practice_payload()]


def test_poster_refuses_a_broken_payload() -> None:
    from kiosk.vietqr.poster import render_poster

    with pytest.raises(ValueError):
        render_poster("A", "B", "C", "not a payload")


def test_cli_prints_the_payload(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    argv = ["--bin", "970436", "--account", "0123456789", "--amount", "50000", "--purpose", "mua"]
    assert cli.main(argv, tmp_path) == 0
    out = capsys.readouterr().out.strip()
    assert parse_payload(out).amount == 50000
    assert out == build_payload("970436", "0123456789", 50000, "mua")


def test_cli_writes_the_poster(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    poster = tmp_path / "out" / "poster.pdf"
    argv = ["--bin", "970422", "--account", "123", "--card", "--poster", str(poster)]
    assert cli.main([*argv, "--shop", "Tiệm A", "--account-name", "NGUYEN VAN A"], tmp_path) == 0
    payload = capsys.readouterr().out.strip()
    assert parse_payload(payload).to_card
    assert decode_pdf(poster, tmp_path) == [payload]
    assert [p.name for p in poster.parent.iterdir()] == ["poster.pdf"]


@pytest.mark.parametrize(
    "argv",
    [
        ["--bin", "97043", "--account", "1"],
        ["--bin", "999999", "--account", "1"],
        ["--bin", "970436", "--account", "12ab"],
        ["--bin", "970436", "--account", "1" * 20],
        ["--bin", "970436", "--account", "1", "--amount", "abc"],
        ["--bin", "970436", "--account", "1", "--purpose", "x" * 26],
        ["--bin", "970436", "--account", "1", "--purpose", "mua rau ở chợ"],
        ["--bin", "970436", "--account", "1", "--poster", "p.pdf"],
        ["--account", "1"],
        [
            "--bin",
            "970436",
            "--account",
            "1",
            "--poster",
            "/proc/nope/p.pdf",
            "--shop",
            "a",
            "--account-name",
            "b",
        ],
    ],
)
def test_cli_refuses_bad_input_with_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert cli.main(argv, tmp_path) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert "error" in captured.err


def test_build_refuses_practice_bin() -> None:
    with pytest.raises(FieldError):
        build_payload("000000", "1")
