"""Time loading every built-in content pack (YAML parse, schema, cross-checks, media checks).

Median of several runs, next to a baseline measured in the same run (just reading the
files' bytes), so a slow machine shows up as a slow baseline rather than a slow loader.
The last line is ``content_load_ms=N``; the target is under 300 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.content.loader import builtin_packs_dir, load_packs

RUNS = 15


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def read_bytes() -> int:
    return sum(len(p.read_bytes()) for p in builtin_packs_dir().rglob("*.yaml"))


def load() -> None:
    result = load_packs()
    if result.problems:
        raise SystemExit("\n".join(str(p) for p in result.problems))


def main() -> int:
    start = time.perf_counter()
    load()  # the first load also warms the OS file cache
    first = (time.perf_counter() - start) * 1000
    files = list(builtin_packs_dir().rglob("*.yaml"))
    baseline = median_ms(read_bytes)
    loading = median_ms(load)
    print(f"files={len(files)} bytes={read_bytes()} runs={RUNS}")
    print(f"first_load_ms={first:.1f}")
    print(f"baseline_read_ms={baseline:.3f}")
    print(f"ratio_to_baseline={loading / baseline:.1f}" if baseline else "ratio_to_baseline=n/a")
    print(f"content_load_ms={loading:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
