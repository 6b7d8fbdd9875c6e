"""The `kiosk` command: launch the kiosk, or run a staff/admin subcommand.

``kiosk [--windowed] [--demo] [--data-dir DIR] [--selftest]`` launches the
kiosk; in full screen through `kiosk.launcher`, which starts it again after a
crash (``--no-restart`` runs it directly). ``kiosk GROUP ...`` (content, slip,
keys, vietqr, sync) hands the rest of the command line to
``kiosk.<package>.cli.main(argv, data_dir)``; those modules are imported only
when asked for, so start-up stays fast.
``--data-dir`` is accepted anywhere on the line.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

# group name -> module whose ``main(argv: list[str], data_dir: Path) -> int`` runs it
SUBCOMMANDS: dict[str, str] = {
    "content": "kiosk.content.cli",
    "slip": "kiosk.slips.cli",
    "keys": "kiosk.slips.keys_cli",
    "vietqr": "kiosk.vietqr.cli",
    "sync": "kiosk.sync.cli",
    "voices": "kiosk.voices.cli",
}


def split_data_dir(argv: list[str]) -> tuple[list[str], Path | None]:
    """Remove ``--data-dir DIR`` / ``--data-dir=DIR`` from anywhere in argv."""
    rest: list[str] = []
    data_dir: Path | None = None
    it = iter(argv)
    for arg in it:
        if arg == "--data-dir":
            value = next(it, None)
            if value is None:
                raise SystemExit("error: --data-dir needs a folder")
            data_dir = Path(value)
        elif arg.startswith("--data-dir="):
            data_dir = Path(arg.split("=", 1)[1])
        else:
            rest.append(arg)
    return rest, data_dir


def launch_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Học Số Kiosk. Without a command it launches the kiosk; "
        f"commands: {', '.join(SUBCOMMANDS)} (try 'kiosk content --help').",
    )
    parser.add_argument("--windowed", action="store_true", help="run in a normal window")
    parser.add_argument("--demo", action="store_true", help="Digital Market demonstration mode")
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="open and migrate the database, render the welcome screen offscreen, exit",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: user data dir)")
    parser.add_argument(
        "--no-restart",
        action="store_true",
        help="do not start the kiosk again after a crash (it does in full screen)",
    )
    parser.add_argument("--supervised", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    rest, data_dir = split_data_dir(args)
    if data_dir is None:
        from kiosk.paths import default_data_dir

        data_dir = default_data_dir()
    if rest and rest[0] in SUBCOMMANDS:
        module = importlib.import_module(SUBCOMMANDS[rest[0]])
        result: int = module.main(rest[1:], data_dir)
        return result
    options = launch_parser().parse_args(rest)
    if not (options.windowed or options.selftest or options.no_restart or options.supervised):
        from kiosk.launcher import launch
        from kiosk.paths import DataPaths

        return launch([*rest, "--data-dir", str(data_dir)], DataPaths(data_dir).log)
    from kiosk.app import LaunchOptions, run

    return run(
        LaunchOptions(
            data_dir=data_dir,
            windowed=options.windowed,
            demo=options.demo,
            selftest=options.selftest,
        )
    )
