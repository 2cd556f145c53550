"""Run the API and dashboard with uvicorn: ``serve(settings, host, port)``.

The top of the serve package: it imports the app (api.py), and nothing in
the app imports it; the app's access to the store is reader.py.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

import uvicorn

from sitrep.errors import ConfigError
from sitrep.serve.api import create_app
from sitrep.settings import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    """Whether a host name or address only reaches this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """Fail early, with a hint, when the address is taken (uvicorn would only log and exit)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ConfigError(f"cannot listen on {host}:{port} ({exc.strerror}); pass another --port") from exc


def serve(
    settings: Settings,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    announce: Callable[[str], None] | None = None,
    host_names: tuple[str, ...] = (),
) -> None:
    """Serve ``settings.db_path`` until interrupted; the store must exist (StoreError otherwise).

    ``announce`` gets the dashboard URL once the store is open and the port free,
    so the CLI says "serving" only when it is true.  Requests are answered for
    loopback names, ``host`` and ``host_names`` only (see ``guard.py``).
    """
    app = create_app(settings, host=host, host_names=host_names)
    check_port(host, port)
    if announce is not None:
        announce(f"{settings.db_path} at http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
