"""The hub dashboard with 1,000,000 completions in PostgreSQL (a throwaway cluster).

Loads the completion facts and their learners with COPY, recounts the maintained
tallies, then times the whole dashboard (every query the page runs: commune ×
target group × track summary, months, VNeID progress, kiosks and serial gaps).
Baselines from the same run: ``SELECT count(*)`` on the table, and the same summary
grouped straight from the facts without the tally. Also times ingest of signed
records through the code behind ``POST /records``. The target is under 300 ms;
the last line is ``dashboard_ms=N``.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, text

from kiosk_hub.catalogue import ReportNames, load_report_names
from kiosk_hub.db import HubDatabase, open_hub_database
from kiosk_hub.ingest import ingest_texts
from kiosk_hub.reports import dashboard
from kiosk_hub.tally import rebuild_tallies
from tests.helpers.pgcluster import throwaway_cluster

COMPLETIONS = 1_000_000
KIOSKS = 300
LESSONS_PER_LEARNER = 5
RUNS = 9
INGEST_RECORDS = 2_000
MONTHS = [date(2025 + (6 + m) // 12, (6 + m) % 12 + 1, 1) for m in range(12)]  # Jul 2025 on


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def load(engine: Engine, catalogue: ReportNames) -> None:
    """COPY 1M completion facts and their learners (5 lessons each), as a bulk import would."""
    rng = random.Random(7)
    units = [u.code for u in catalogue.units]
    lessons = sorted(catalogue.lessons)
    vneid = {code for code, info in catalogue.lessons.items() if info.track == "vneid"}
    kiosks = [(uuid.UUID(int=rng.getrandbits(128)), rng.choice(units)) for _ in range(KIOSKS)]
    raw = engine.raw_connection()
    conn = raw.driver_connection
    assert conn is not None
    with conn.cursor() as cur:
        learner_copy = cur.copy(
            "COPY learner (kiosk_id, learner_ref, commune_code, target_group, name, birth_year,"
            " first_completed_on, vneid_on) FROM STDIN"
        )
        facts: list[tuple[object, ...]] = []
        with learner_copy as copy:
            for i in range(COMPLETIONS // LESSONS_PER_LEARNER):
                kiosk_id, commune = kiosks[i % KIOSKS]
                ref, group = f"{i:016x}", rng.choice((0, 1, 1, 1, 2, 3, 4))
                day = rng.choice(MONTHS).replace(day=rng.randint(1, 28))
                done = rng.sample(lessons, LESSONS_PER_LEARNER)
                first_vneid = day if vneid & set(done) else None
                copy.write_row((kiosk_id, ref, commune, group, "Người học", 1980, day, first_vneid))
                for code in done:
                    track = catalogue.track_of(code)
                    facts.append((kiosk_id, ref, code, commune, group, track, day, 90, kiosk_id))
        with cur.copy(
            "COPY completion (kiosk_id, learner_ref, lesson_code, commune_code, target_group,"
            " track, completed_on, score, record_id) FROM STDIN"
        ) as copy:
            for row in facts:
                copy.write_row(row)
    conn.commit()
    raw.close()


def ingest_rate(database: HubDatabase, catalogue: ReportNames) -> float:
    """Signed records per second through the POST /records code path (500 per request)."""
    from tests.helpers.hub_helpers import FakeKiosk, enroll_kiosk

    kiosk = FakeKiosk("bench")
    enroll_kiosk(_Ctx(database), kiosk)  # type: ignore[arg-type]
    texts = [
        kiosk.text(n, learner_ref=f"{0xB000000 + n // 3:016x}", lessons=(101 + n % 3,))
        for n in range(1, INGEST_RECORDS + 1)
    ]
    now = datetime.now(UTC)
    start = time.perf_counter()
    for batch in range(0, len(texts), 500):
        with database.transaction() as s:
            result = ingest_texts(
                s, texts[batch : batch + 500], channel="network", catalogue=catalogue, now=now,
                kiosk_id=kiosk.id,
            )  # fmt: skip
            assert len(result.accepted) == len(texts[batch : batch + 500])
    return len(texts) / (time.perf_counter() - start)


class _Ctx:
    def __init__(self, database: HubDatabase) -> None:
        self.database = database


def main() -> None:
    catalogue = load_report_names()
    with throwaway_cluster("bench") as url:
        database = open_hub_database(url)
        start = time.perf_counter()
        load(database.engine, catalogue)
        with database.transaction() as s:
            rebuild_tallies(s)
        with database.engine.connect() as conn:
            conn.execute(text("COMMIT"))
            conn.execute(text("ANALYZE"))
        load_s = time.perf_counter() - start
        print(f"loaded {COMPLETIONS:,} completions and {COMPLETIONS // LESSONS_PER_LEARNER:,} "
              f"learners with COPY + tally recount: {load_s:.1f} s")  # fmt: skip

        def count() -> object:
            with database.engine.connect() as conn:
                return conn.execute(text("SELECT count(*) FROM completion")).scalar()

        def grouped() -> object:
            with database.engine.connect() as conn:
                return conn.execute(
                    text(
                        "SELECT commune_code, target_group, track, count(*) FROM completion "
                        "GROUP BY 1, 2, 3"
                    )
                ).all()

        def board() -> object:
            with database.transaction() as s:
                result = dashboard(s, catalogue)
            assert result.completions == COMPLETIONS, result.completions
            return result

        board()  # warm the connection pool and caches
        rate = ingest_rate(database, catalogue)
        print(f"ingest: {rate:,.0f} signed records/s (verify + facts + tallies, 500 per batch)")
        baseline = median_ms(count)
        direct = median_ms(grouped, runs=3)
        dashboard_ms = median_ms(lambda: dashboard_check(database, catalogue))
        print(f"baseline SELECT count(*) FROM completion: {baseline:.0f} ms")
        print(f"summary straight from the facts (GROUP BY, no tally): {direct:.0f} ms")
        print(
            f"dashboard (all its queries, province view), median of {RUNS}: {dashboard_ms:.1f} ms"
        )
        database.dispose()
    print(f"dashboard_ms={round(dashboard_ms)}")


def dashboard_check(database: HubDatabase, catalogue: ReportNames) -> None:
    with database.transaction() as s:
        result = dashboard(s, catalogue)
    assert len(result.communes) == 45 and result.completions >= COMPLETIONS


if __name__ == "__main__":
    main()
