#!/usr/bin/env python3
"""Run Pagoda's tests: host unit suites, in-kernel KTAP suites and scenarios.

    python3 tools/runtests.py [--build DIR] [--glob GLOB] [--jobs N] [--timeout S] [--list] [-v]

`make check` runs everything; `make test T=glob` runs what matches. The work
is done by tools/pagoda_test/runner.py; see its docstring.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pagoda_test.runner import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
