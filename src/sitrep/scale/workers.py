"""Worker processes that cannot outlive their parent.

A ``kill -9`` of ``sitrep ingest`` gives the parent no chance to stop its
coding processes; left alone they keep their models in memory (hundreds of MB
each) and keep the resource tracker alive.  On Linux each worker asks the
kernel, through ``prctl(PR_SET_PDEATHSIG)``, to be killed when its parent goes;
elsewhere a daemon thread polls the parent's pid.  Both run in the pool's
initializer, before the model loads.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_INTERVAL = 1.0  # seconds between parent checks where prctl is not available


def die_with_parent(parent: int | None) -> None:
    """Make this process exit when ``parent`` (the pid that started it) is gone."""
    if parent is None:
        parent = os.getppid()
    if not _set_death_signal():
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _set_death_signal() -> bool:
    """Ask Linux to send SIGKILL to this process when its parent thread exits; False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        status: int = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        return status == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """A daemon thread that ends the process once it has been re-parented."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="sitrep-parent-watch", daemon=True).start()
