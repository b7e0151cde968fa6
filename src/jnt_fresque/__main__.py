"""``python -m jnt_fresque``: the ``jnt-fresque`` command, where no script is on the PATH.

A facilitator who installed the kit with ``pip install --user`` on Windows or macOS
may find the ``jnt-fresque`` script outside the PATH; ``python -m jnt_fresque``
always works.
"""

from __future__ import annotations

from jnt_fresque.cli import run

if __name__ == "__main__":
    run()
