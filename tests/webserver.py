"""A local web server for tests: routes you define, on 127.0.0.1, in a thread (no network).

Each route can answer with a status, a body, a content type, extra headers, a delay, an ETag
(a request carrying it in If-None-Match gets a 304), a redirect, a gzip-encoded body or a body
of many megabytes streamed without a length. The server counts requests and keeps their headers.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    etag: str | None = None
    redirect: str | None = None  # a path or URL for a 302
    gzip: bool = False
    stream_megabytes: int = 0  # send this many MiB of filler, chunked, with no Content-Length


class FixtureServer:
    """``with FixtureServer() as web: web.routes["/a"] = Route(b"..."); get(web.url("/a"))``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.request_headers: dict[str, list[dict[str, str]]] = {}
        self.posts: dict[str, list[bytes]] = {}  # bodies POSTed to each path (a webhook)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def record(self, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.hits[path] += 1
            self.request_headers.setdefault(path, []).append(headers)

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(server: FixtureServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            server.record(path, {k.lower(): v for k, v in self.headers.items()})
            route = server.routes.get(path)
            try:
                self._answer(route)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout, size cap)
                return

        def do_POST(self) -> None:
            path = self.path.split("?")[0]
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            server.posts.setdefault(path, []).append(body)
            self._send(204, b"", None, {})

        def _answer(self, route: Route | None) -> None:
            if route is None:
                return self._send(404, b"<html><body>Not found</body></html>", "text/html", {})
            if route.delay:
                time.sleep(route.delay)
            if route.redirect is not None:
                return self._send(302, b"", "text/html", {"Location": route.redirect})
            if route.etag is not None and self.headers.get("If-None-Match") == route.etag:
                return self._send(304, b"", None, {"ETag": route.etag})
            if route.stream_megabytes:
                return self._stream(route)
            headers = dict(route.headers)
            if route.etag is not None:
                headers["ETag"] = route.etag
            body = route.body
            if route.gzip:
                body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
            return self._send(route.status, body, route.content_type, headers)

        def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str]) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status not in (204, 304):
                self.wfile.write(body)

        def _stream(self, route: Route) -> None:
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + b"filler " * 149_000 + b"</p>\n"  # ~1 MiB
            for _ in range(route.stream_megabytes):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")

    return Handler
