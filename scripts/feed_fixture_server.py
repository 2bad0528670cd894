#!/usr/bin/env python3
"""Serve examples/feed as a small offline news site, to try `comity watch` without a network.

    python scripts/feed_fixture_server.py            # http://127.0.0.1:8765 (what examples/feed/feeds.txt lists)
    python scripts/feed_fixture_server.py --port 0   # any free port; the first line printed says which

Routes: /feed.xml (RSS, with an ETag, so a second poll gets a 304), /news/talks.html,
/news/ramming.html, /readouts/call.pdf, and /robots.txt. Only the standard library is used; the
server listens on 127.0.0.1 only. Stop it with Ctrl-C.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEED_DIR = Path(__file__).resolve().parents[1] / "examples" / "feed"
ROUTES = {
    "/feed.xml": ("feed.xml", "application/rss+xml; charset=utf-8"),
    "/news/talks.html": ("talks.html", "text/html; charset=utf-8"),
    "/news/ramming.html": ("ramming.html", "text/html; charset=utf-8"),
    "/readouts/call.pdf": ("call.pdf", "application/pdf"),
}
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def make_handler(base: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path == "/robots.txt":
                return self._send(200, ROBOTS, "text/plain")
            if path not in ROUTES:
                return self._send(404, b"not found", "text/plain")
            name, content_type = ROUTES[path]
            body = (FEED_DIR / name).read_bytes().replace(b"{base}", base.encode())
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", None, etag)
            return self._send(200, body, content_type, etag)

        def _send(self, status: int, body: bytes, content_type: str | None, etag: str | None = None) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body) if status != 304 else 0))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0: any free one)")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), BaseHTTPRequestHandler)
    host, port = server.server_address[:2]
    base = f"http://{host!s}:{port}"
    server.RequestHandlerClass = make_handler(base)
    print(f"serving examples/feed on {base} (feed: {base}/feed.xml)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
