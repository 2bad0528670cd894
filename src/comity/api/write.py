"""``POST /api/documents``: run the pipeline on one article and store its records.

Disabled (403) unless a token is configured; the client sends it as ``Authorization: Bearer``.
Bodies larger than the configured limit are refused (413) without being read to the end.
"""

from __future__ import annotations

import hmac
import uuid
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from comity import query
from comity.api.errors import ApiError
from comity.api.state import ApiState, get_state
from comity.records import DocumentResult, Rejection, SourceItem

write_router = APIRouter(prefix="/api")

TEXT_TYPES = {"text/plain": "text", "text/html": "html", "application/xhtml+xml": "html"}


class ArticleIn(BaseModel):
    """A JSON article: ``text`` or ``html`` plus optional metadata (the JSON Lines input columns)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain article text.")
    html: str | None = Field(None, description="An HTML page holding the article.")
    title: str | None = None
    date: str | None = Field(None, description="Publication date (ISO).")
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    id: str | None = Field(None, description="Your own id or name for the article.")


def check_token(state: ApiState, request: Request) -> None:
    if not state.token:
        raise ApiError(403, "writes are disabled: start the server with COMITY_API_TOKEN set")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), state.token.encode()):
        raise ApiError(
            401,
            "missing or wrong bearer token in the Authorization header",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"request body is larger than the {limit}-byte limit")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, f"request body is larger than the {limit}-byte limit")
    return bytes(body)


def source_item(body: bytes, content_type: str) -> SourceItem:
    """The request body as a ``SourceItem``; 415 for other media types, 422 for bad JSON."""
    media = content_type.split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(422, "the body is not valid UTF-8", errors=[{"param": "body"}]) from exc
    if media in TEXT_TYPES:
        kind: Literal["text", "html"] = "html" if TEXT_TYPES[media] == "html" else "text"
        return SourceItem(name="api", content=text, fmt=kind, size=len(body))
    if media != "application/json":
        raise ApiError(
            415, f"content type {media or 'none'!r} not supported: send text/plain, text/html or JSON"
        )
    try:
        article = ArticleIn.model_validate_json(body)
    except ValidationError as exc:
        problems = [
            {"param": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"]} for e in exc.errors()
        ]
        raise ApiError(422, f"invalid JSON article: {problems[0]['message']}", errors=problems) from exc
    content = article.text if article.text is not None else article.html
    if content is None:
        raise ApiError(422, "a JSON article needs 'text' or 'html'", errors=[{"param": "text"}])
    return SourceItem(
        name=article.id or "api",
        content=content,
        fmt="text" if article.text is not None else "html",
        title=article.title,
        date=article.date,
        url=article.url,
        outlet=article.outlet,
        author=article.author,
        given_id=article.id,
        size=len(body),
    )


def rejected(rejection: Rejection) -> ApiError:
    return ApiError(
        422,
        f"the article was rejected ({rejection.reason}): {rejection.message}",
        errors=[{"param": "body", "stage": rejection.stage, "reason": rejection.reason}],
    )


def process(state: ApiState, item: SourceItem) -> tuple[int, dict[str, Any]]:
    """Clean, analyse and store one item; (status, body). Runs in a worker thread."""
    analyser = state.analyser()
    article = analyser.clean(item)
    if isinstance(article, Rejection):
        raise rejected(article)
    with state.lock:
        duplicate = bool(state.store.known_article_ids([article.id], analysed_only=True))
    if not duplicate:
        (outcome,) = analyser.analyse([article])
        if isinstance(outcome, Rejection):
            raise rejected(outcome)
        assert isinstance(outcome, DocumentResult)
        with state.lock:
            state.store.write_batch([outcome], [], run_id=f"api-{uuid.uuid4().hex[:12]}")
    with state.lock:
        document = query.get_document(state.store, article.id)
        events = query.find_events(
            state.store, query.EventQuery(doc_id=article.id, include_duplicates=True, limit=500)
        )
    return (200 if duplicate else 201), {
        "ok": True,
        "duplicate": duplicate,
        "document": document,
        "events": events.items,
    }


@write_router.post("/documents", status_code=201)
async def post_document(request: Request) -> JSONResponse:
    """Run the pipeline on one article (text/plain, text/html or a JSON object) and store its records."""
    state = get_state(request)
    check_token(state, request)
    body = await read_body(request, state.max_body)
    item = source_item(body, request.headers.get("content-type", ""))
    status, payload = await run_in_threadpool(process, state, item)
    return JSONResponse(payload, status_code=status)
