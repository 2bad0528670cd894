"""A polite HTTP client for pages and feeds (internal helper, not a stable API).

One ``Fetcher`` serves one run or one watch cycle: a single httpx client (timeouts, a redirect
limit, gzip, a descriptive User-Agent), a size cap enforced while the body streams in, robots.txt
obeyed for our User-Agent, and at most one request per ``fetch_delay`` seconds to any one host.
Requests are made one at a time: politeness matters more than speed for news sites. Every
failure is a ``RejectedInput`` with a stable reason code, never an httpx exception.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from comity.config import Settings
from comity.errors import RejectedInput

if TYPE_CHECKING:
    import httpx

logger = logging.getLogger(__name__)

WEB_SCHEMES = ("http://", "https://")
#: Statuses after which asking again later may succeed (the watcher retries these with backoff).
TRANSIENT_REASONS = frozenset({"timeout", "network_error", "http_error"})


def is_url(value: str) -> bool:
    """Whether ``value`` names a web resource (http or https) rather than a path."""
    return value.lower().startswith(WEB_SCHEMES)


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched resource: its body whole (within the size cap) and what the server said of it."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    headers: Mapping[str, str]
    body: bytes
    fetched_at: str  # ISO 8601, UTC

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


@dataclass
class HostPacer:
    """At most one request per ``delay`` seconds to each host; ``sleep`` is injectable for tests."""

    delay: float
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str) -> None:
        with self._lock:
            last = self._last.get(host)
            if last is not None and self.delay > 0:
                remaining = last + self.delay - self.clock()
                if remaining > 0:
                    self.sleep(remaining)
            self._last[host] = self.clock()


class Fetcher:
    """Fetch URLs politely; use as a context manager (it holds a connection pool)."""

    def __init__(self, settings: Settings, *, pacer: HostPacer | None = None) -> None:
        self.settings = settings
        self.max_bytes = settings.max_input_bytes
        self.pacer = pacer or HostPacer(settings.fetch_delay)
        self._robots: dict[str, RobotFileParser | None] = {}
        import httpx  # here, not at import: reading local files (and `comity --help`) never needs it

        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=True,
            max_redirects=settings.fetch_max_redirects,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """GET ``url`` (robots.txt permitting); a 304 comes back as a response, any other status
        of 400 or more as a rejection.

        Raises:
            RejectedInput: ``robots_disallowed``, ``timeout``, ``redirect_loop``, ``network_error``,
                ``not_found``, ``http_error`` or ``too_large``.
        """
        if not self.allowed(url):
            raise RejectedInput(
                "robots_disallowed", f"robots.txt of {_origin(url)} disallows {url} for our User-Agent"
            )
        response = self._request(url, headers or {})
        if response.status in (404, 410):
            raise RejectedInput("not_found", f"HTTP {response.status} for {url}")
        if response.status >= 400:
            raise RejectedInput("http_error", f"HTTP {response.status} for {url}")
        return response

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets our User-Agent fetch it (RFC 9309).

        Raises:
            RejectedInput: when the host cannot be reached at all (asked again next time).
        """
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        """The parsed rules; None (allow all) when there are none (4xx). A robots.txt that fails
        with a server error means everything is disallowed, as RFC 9309 asks."""
        parser = RobotFileParser(f"{origin}/robots.txt")
        try:
            response = self._request(f"{origin}/robots.txt", {})
        except RejectedInput as exc:
            if exc.reason == "too_large":
                return None  # a robots.txt that large is not a robots.txt
            raise
        if 400 <= response.status < 500:
            return None
        if response.status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser
        parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _request(self, url: str, headers: Mapping[str, str]) -> Response:
        self.pacer.wait(urlsplit(url).netloc.lower())
        fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
        import httpx

        try:
            with self._client.stream("GET", url, headers=dict(headers)) as response:
                body = self._read_capped(response, url)
                return Response(
                    url=url,
                    final_url=str(response.url),
                    status=response.status_code,
                    headers={k.lower(): v for k, v in response.headers.items()},
                    body=body,
                    fetched_at=fetched_at,
                )
        except httpx.TimeoutException as exc:
            raise RejectedInput(
                "timeout",
                f"no answer from {url} within {self.settings.fetch_timeout:g}s ({type(exc).__name__})",
            ) from exc
        except httpx.TooManyRedirects as exc:
            limit = self.settings.fetch_max_redirects
            raise RejectedInput("redirect_loop", f"more than {limit} redirects from {url} (a loop?)") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise RejectedInput("network_error", f"cannot fetch {url}: {type(exc).__name__}: {exc}") from exc

    def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise RejectedInput(
                "too_large",
                f"{url} declares {declared} bytes; the limit is {self.max_bytes} (max_input_bytes)",
            )
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:  # stop reading: a huge body must never be held in memory
                raise RejectedInput(
                    "too_large", f"{url} sent more than {self.max_bytes} bytes (max_input_bytes)"
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
