"""One JSON error shape for every error the API returns: ``{"ok", "status", "error", "errors"}``.

No stack trace or backend message ever reaches a client: unexpected errors are logged here and
answered with a generic 500 body.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from comity.errors import ComityError, ConfigError, QueryError

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error with an HTTP status, raised by handlers and turned into the error body."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or []
        self.headers = headers


def error_body(status: int, error: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The canonical error body."""
    return {"ok": False, "status": status, "error": error, "errors": errors or []}


def error_response(
    status: int, error: str, errors: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(status, error, errors), status_code=status, headers=headers)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    problems = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        where = loc[0] if loc else "request"
        param = ".".join(loc[1:]) or where
        problems.append({"param": param, "in": where, "message": str(err.get("msg", "invalid value"))})
    return problems


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = _validation_errors(exc)
    first = problems[0] if problems else {"param": "request", "message": "invalid request"}
    return error_response(422, f"invalid parameter {first['param']!r}: {first['message']}", problems)


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    messages = {404: f"not found: {request.url.path}", 405: f"method {request.method} not allowed here"}
    detail = exc.detail if isinstance(exc.detail, str) else None
    error = messages.get(exc.status_code) or detail or "HTTP error"
    return error_response(exc.status_code, error, headers=getattr(exc, "headers", None))


async def _on_api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, exc.errors, exc.headers)


async def _on_comity_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ComityError)
    if isinstance(exc, QueryError | ConfigError):
        return error_response(400, exc.message)
    log.error("request %s failed: %s", request.url.path, exc)
    return error_response(500, f"internal error ({exc.code}); see the server log")


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("request %s failed", request.url.path, exc_info=exc)
    return error_response(500, "internal server error; see the server log")


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of error through the one body shape."""
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(ComityError, _on_comity_error)
    app.add_exception_handler(Exception, _on_unexpected)
