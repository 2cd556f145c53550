"""What every response goes through: a Host check, HEAD, and security headers.

* **Host**: a page on another site can make a browser send requests to
  127.0.0.1 under its own name (DNS rebinding); answering only the names the
  server was bound for (loopback names by default, ``--host-name`` otherwise)
  keeps the store out of its reach.
* **HEAD** is answered as GET without a body (FastAPI routes take GET only).
* **Headers**: a Content-Security-Policy on every response (the dashboard's
  own files only; the API docs pages may run their inline start-up script),
  ``X-Content-Type-Options: nosniff`` and no referrer.

Written as plain ASGI so that streamed responses pass through untouched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
DASHBOARD_CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'none'"
)
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")
Scope = dict[str, Any]


def allowed_hosts(bound: str | None, names: Iterable[str] = ()) -> frozenset[str]:
    """The Host names to answer: loopback names, the bound address (unless a wildcard) and the given names."""
    hosts = set(LOOPBACK_NAMES) | {n.strip().lower() for n in names if n.strip()}
    if bound and bound not in ("0.0.0.0", "::", ""):
        hosts.add(bound.lower())
        if ":" in bound:
            hosts.add(f"[{bound.lower()}]")
    return frozenset(hosts)


def host_name(header: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``[::1]``."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def csp_for(path: str) -> str:
    return DOCS_CSP if path in DOCS_PATHS else DASHBOARD_CSP


class Guard:
    """ASGI middleware: refuse unknown Host names (421), answer HEAD, add the security headers."""

    def __init__(self, app: Any, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        if host not in self.hosts:
            await self._refuse(scope, send, host)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        await self.app(scope, receive, self._sender(send, scope["path"], head))

    def _sender(self, send: Any, path: str, head: bool) -> Any:
        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"content-security-policy", csp_for(path).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                names = {k for k, _ in extra}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": kept + extra}
            elif head and message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        return wrapped

    async def _refuse(self, scope: Scope, send: Any, host: str) -> None:
        detail = f"this server does not answer for the host name {host!r}; allow one with sitrep serve --host-name NAME"
        body = json.dumps({"detail": detail}).encode()
        await send({
            "type": "http.response.start",
            "status": 421,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"content-security-policy", DASHBOARD_CSP.encode()),
                (b"x-content-type-options", b"nosniff"),
            ],
        })
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
