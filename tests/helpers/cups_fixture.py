"""A private CUPS scheduler with a cups-pdf queue, for printing tests.

The scheduler runs from a fresh folder under /tmp (its own cupsd.conf and
cups-files.conf, spool, logs, and a Unix socket instead of a port), so the
system's CUPS, if any, is neither used nor touched. cups-pdf reads its settings
only from /etc/cups (compiled in): the queue's device URI names an instance
(``cups-pdf:/<instance>``), whose file ``/etc/cups/cups-pdf-<instance>.conf``
sends the output to our folder; that one file is removed again at teardown.

Needs root (cupsd runs backends as root; cups-pdf refuses otherwise), as CI has.
Nothing is skipped: if the scheduler cannot start, the fixture fails the test.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CUPSD = "/usr/sbin/cupsd"
CUPS_PDF_PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
PRINTER = "HocSoPDF"

CUPSD_CONF = """LogLevel warn
Listen {socket}
Browsing Off
DefaultAuthType None
WebInterface No
MaxLogSize 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

CUPS_FILES_CONF = """ServerRoot {root}/conf
RequestRoot {root}/spool
TempDir {root}/spool/tmp
StateDir {root}/state
CacheDir {root}/cache
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
User lp
Group lp
SystemGroup root
Sandboxing Relaxed
"""

CUPS_PDF_CONF = """Out {out}
AnonDirName {out}
Spool {root}/cups-pdf-spool
Label 0
"""


@dataclass(frozen=True)
class CupsServer:
    root: Path
    socket: Path
    out: Path
    printer: str

    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": str(self.socket)}

    def run(self, *args: str) -> str:
        result = subprocess.run(
            list(args), env=self.env(), capture_output=True, text=True, timeout=30, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def error_log(self) -> str:
        path = self.root / "log" / "error_log"
        return path.read_text(errors="replace") if path.exists() else ""

    def wait_for_pdf(self, timeout_s: float = 60.0) -> Path:
        """The first finished PDF cups-pdf writes to the output folder."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            done = sorted(self.out.glob("*.pdf"))
            if done and _complete(done[0]):
                return done[0]
            time.sleep(0.1)
        jobs = self.run("lpstat", "-W", "all", "-o")
        raise AssertionError(f"no PDF from cups-pdf; jobs: {jobs}\n{self.error_log()}")


def _complete(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return path.read_bytes().rstrip().endswith(b"%%EOF")
    return False


def _set_cups_client_server(server: str | None) -> None:
    """libcups caches the server per thread: point this thread's cache at ours (or reset)."""
    name = ctypes.util.find_library("cups")
    if name is None:
        raise RuntimeError("libcups not found (install cups-client / libcups2)")
    ctypes.CDLL(name).cupsSetServer(server.encode() if server else None)


@contextlib.contextmanager
def private_cups() -> Iterator[CupsServer]:
    if os.geteuid() != 0:
        raise RuntimeError("the CUPS printing test needs root (cups-pdf runs only as root)")
    for tool in (CUPSD, CUPS_PDF_PPD, "/usr/lib/cups/backend/cups-pdf"):
        if not Path(tool).exists():
            raise RuntimeError(f"{tool} missing: run tools/install-system-deps.sh")
    root = Path(tempfile.mkdtemp(prefix="hocso-cups-", dir="/tmp"))  # short: a socket path
    os.chmod(root, 0o755)
    for sub in ("conf/ppd", "spool/tmp", "state", "cache", "log", "out"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    server = CupsServer(root, root / "cups.sock", root / "out", PRINTER)
    instance = f"hocsotest{os.getpid()}"
    instance_conf = Path(f"/etc/cups/cups-pdf-{instance}.conf")
    (root / "conf" / "cupsd.conf").write_text(CUPSD_CONF.format(socket=server.socket))
    (root / "conf" / "cups-files.conf").write_text(CUPS_FILES_CONF.format(root=root))
    instance_conf.write_text(CUPS_PDF_CONF.format(out=server.out, root=root))
    old_env = os.environ.get("CUPS_SERVER")
    cupsd = subprocess.Popen(
        [
            CUPSD,
            "-f",
            "-c",
            str(root / "conf/cupsd.conf"),
            "-s",
            str(root / "conf/cups-files.conf"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=(root / "log" / "cupsd.out").open("wb"),
    )
    try:
        deadline = time.monotonic() + 15
        while not server.socket.exists():
            if cupsd.poll() is not None or time.monotonic() > deadline:
                log = (root / "log" / "cupsd.out").read_text(errors="replace")
                raise RuntimeError(f"cupsd did not start: {log}\n{server.error_log()}")
            time.sleep(0.05)
        server.run("lpadmin", "-p", PRINTER, "-v", f"cups-pdf:/{instance}", "-P", CUPS_PDF_PPD)
        server.run("cupsenable", PRINTER)
        server.run("cupsaccept", PRINTER)
        os.environ["CUPS_SERVER"] = str(server.socket)  # worker threads read it afresh
        _set_cups_client_server(str(server.socket))
        yield server
    finally:
        if old_env is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = old_env
        with contextlib.suppress(RuntimeError):
            _set_cups_client_server(None)
        cupsd.terminate()
        try:
            cupsd.wait(timeout=10)
        except subprocess.TimeoutExpired:
            cupsd.kill()
            cupsd.wait()
        instance_conf.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)
