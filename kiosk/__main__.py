"""`python -m kiosk` runs the same entry point as the `kiosk` console script."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
