"""Power cuts during complete → issue → print: SIGKILL the kiosk process at random
moments, many times, then check that nothing was lost, reused or printed twice unmarked."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest

# Worker processes killed mid-print.
pytestmark = pytest.mark.e2e

WORKER = Path(__file__).with_name("power_cut_worker.py")
ROUNDS = 25
PDF_NAME = re.compile(r"phieu-(\d{6})(?:-in-lai-(\d+))?\.[0-9a-f]{8}\.pdf")


def run_until_killed(data_dir: Path, pdf_dir: Path, seed: int, delay_s: float) -> list[str]:
    """Start the worker, wait for it to be ready, let it work ``delay_s``, SIGKILL it."""
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), str(data_dir), str(pdf_dir), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())
            if line.strip() == "ready":
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not ready.wait(30):
            proc.kill()
            raise AssertionError(f"worker did not start: {proc.communicate()[1]}")
        time.sleep(delay_s)
        exited = proc.poll()
        assert exited is None, f"worker died by itself ({exited}): {proc.stderr.read()}"  # type: ignore[union-attr]
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
        reader.join(5)
    return lines


def test_power_cuts_lose_nothing_and_reuse_no_serial(tmp_path: Path) -> None:
    data_dir, pdf_dir = tmp_path / "data", tmp_path / "printed"
    rng = random.Random(20240917)
    said: list[str] = []
    started = time.monotonic()
    for round_no in range(ROUNDS):
        said += run_until_killed(data_dir, pdf_dir, round_no, rng.uniform(0.05, 0.6))
    # One last clean start: the kiosk after the last cut issues and prints what was left.
    said += run_until_killed(data_dir, pdf_dir, ROUNDS, 1.5)
    elapsed = time.monotonic() - started

    con = sqlite3.connect(data_dir / "kiosk.sqlite3")
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        completions = {uuid.UUID(r[0]).hex for r in con.execute("SELECT id FROM completion")}
        slips = con.execute("SELECT serial, print_count, status FROM slip").fetchall()
        (next_serial,) = con.execute("SELECT next_slip_serial FROM kiosk").fetchone()
        covered = [r[0] for r in con.execute("SELECT completion_id FROM slip_completion")]
    finally:
        con.close()

    committed = [uuid.UUID(x.split()[1]).hex for x in said if x.startswith("committed ")]
    issued = [int(x.split()[1]) for x in said if x.startswith("issued ")]
    assert len(committed) >= 5, f"too few completions to mean anything: {said[-5:]}"
    assert set(committed) <= completions, "a committed completion was lost"
    serials = sorted(s for s, _, _ in slips)
    assert serials == list(range(1, next_serial)), "serials must be unique and gapless"
    assert set(issued) <= set(serials)
    assert len(covered) == len(set(covered)), "a completion is on two slips"

    printed = Counter[tuple[int, int]]()
    for pdf in pdf_dir.glob("*.pdf"):
        match = PDF_NAME.fullmatch(pdf.name)
        assert match, pdf.name
        printed[(int(match.group(1)), int(match.group(2) or 0))] += 1
    twice = [job for job, n in printed.items() if n > 1]
    assert not twice, f"printed twice with the same reprint number: {twice}"
    counts = {s: c for s, c, _ in slips}
    for (serial, reprint), _n in printed.items():
        assert reprint < counts[serial], f"slip {serial} print {reprint} was not counted"
    print(
        f"\n{ROUNDS} power cuts in {elapsed:.1f} s: {len(completions)} completions, "
        f"{len(slips)} slips, {sum(printed.values())} PDFs, "
        f"{sum(1 for _s, r in printed if r)} reprints"
    )
