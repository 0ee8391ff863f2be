"""Syndication: the item listing as JSON Feed 1.1 and Atom 1.0, with the filters and cursor of /v1/items."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Request, Response
from pydantic import Field
from starlette.datastructures import URL

from app.api.access import FeedReadDep
from app.api.deps import ClockDep, PagesDep, SiteDep
from app.api.etags import conditional
from app.api.items import DEFAULT_LIMIT, CursorParam, ListingQuery
from app.api.query import openapi_parameters, read_query
from app.api.responses import NOT_MODIFIED, problem
from app.api.schemas import EXAMPLE_ITEM, ItemOut, ItemPage
from app.clock import to_micros
from app.document import page_json
from app.outputs import FeedMeta, rfc3339
from app.outputs.atom import MEDIA_TYPE as ATOM_MEDIA_TYPE
from app.outputs.atom import render_atom
from app.outputs.jsonfeed import MEDIA_TYPE as JSON_FEED_MEDIA_TYPE
from app.outputs.jsonfeed import render_json_feed
from app.outputs.site import Site
from app.reads.pages import PageReader, item_filters
from app.reads.pagination import Cursor, encode_cursor

__all__ = ["AtomResponse", "JsonFeedResponse", "Listing", "document_examples", "listing_params", "read_page", "router"]

router = APIRouter(prefix="/v1", tags=["syndication"])


class JsonFeedResponse(Response):
    media_type = JSON_FEED_MEDIA_TYPE


class AtomResponse(Response):
    media_type = ATOM_MEDIA_TYPE


class Listing(ListingQuery):
    """The query of one feed request: /v1/items' listing, its cursor taken from the feed's next link."""

    cursor: CursorParam = Field(None, description="Taken from the previous page's next link.")

    @property
    def search(self) -> str | None:
        """The search words, or None: a blank `q` lists by time, as /v1/items does."""
        return self.q if self.q is not None and self.q.strip() else None

    def params(self, *, cursor: str | None = None) -> dict[str, str]:
        """The query string of this listing at `cursor`, canonical: one listing gets one feed URL (its id)."""
        params = {
            "source": self.source,
            "since": _instant(self.since) if self.since else None,
            "until": _instant(self.until) if self.until else None,
            "q": self.search,
            "feed_id": str(self.feed_id) if self.feed_id is not None else None,
            "channel": self.channel,
            "limit": str(self.limit) if self.limit != DEFAULT_LIMIT else None,
            "cursor": cursor,
        }
        return {key: value for key, value in params.items() if value is not None}


def _instant(moment: datetime) -> str:
    """RFC 3339 in UTC, or as given when UTC cannot express it (9999-12-31T23:59:59-23:59 is past year 9999)."""
    try:
        return rfc3339(moment)
    except OverflowError:
        return moment.isoformat()


async def listing_params(request: Request) -> Listing:
    # The parameters, bounds and descriptions of GET /v1/items (ListingQuery), read as that route reads them.
    return read_query(Listing, request, refuse_unknown=True, also=frozenset({"key"}))  # key: app/api/access.py


ListingDep = Annotated[Listing, Depends(listing_params)]
LISTING_PARAMETERS = openapi_parameters(Listing)


async def read_page(pages: PageReader, listing: Listing) -> tuple[list[ItemOut], str | None]:
    """One page of the listing, and the cursor of the next page (None on the last): /v1/items' reading."""
    filters = item_filters(
        listing.source, listing.since, listing.until, feed_id=listing.feed_id, channel=listing.channel
    )
    rows, next_cursor = await pages.listing_page(
        limit=listing.limit, cursor=listing.cursor, filters=filters, q=listing.search
    )
    # The renderers read the items as the API documents them: the one item document, read into its schema.
    return ItemPage.model_validate_json(page_json(rows, next_cursor)).items, next_cursor


def _title(listing: Listing, feed_title: str) -> str:
    parts = [part for part in (listing.source, f"“{listing.search}”" if listing.search else None) if part]
    return " · ".join([feed_title, *parts])


def _base(request: Request, site: Site) -> URL:
    """Where the absolute URLs of a feed output point: see _feed_meta."""
    if site.public_url:
        return URL(site.public_url.rstrip("/") + "/")
    host = request.headers.get("host", "").lower()
    if host and host in site.trusted_hosts:
        return request.base_url
    server = request.scope.get("server")
    if not server:  # a Unix socket: nothing but the Host to go by, and no client on the internet either
        return request.base_url
    address, port = server[0], server[1]
    address = f"[{address}]" if ":" in address else address
    default = {"http": 80, "https": 443}.get(request.url.scheme)
    return request.base_url.replace(netloc=address if port in (None, default) else f"{address}:{port}")


def _feed_meta(
    request: Request,
    *,
    route: str,
    site: Site,
    now: datetime,
    listing: Listing,
    items: list[ItemOut],
    next_cursor: str | None,
) -> FeedMeta:
    """Absolute URLs of this listing for the route that serves it, from the request's base URL.

    request.url_for honours the mount's root_path and the forwarded scheme when uvicorn runs with
    --proxy-headers. The host is FEEDHOOK_PUBLIC_URL's when set, else the request's Host only when it is
    one of FEEDHOOK_TRUSTED_HOSTS, else the address the connection was made to: a Host header is the
    client's to choose, and these documents are cached and handed on to other readers.
    """
    base = _base(request, site)
    # A reader that was given the key in the URL (it cannot send headers) needs it on the next page too; the
    # document goes only to holders of that key, whose own URL carries it already.
    key = {"key": request.query_params["key"]} if "key" in request.query_params else {}

    def url(path_name: str, params: dict[str, str]) -> str:
        absolute = request.url_for(path_name).include_query_params(**params)
        return str(absolute.replace(scheme=base.scheme, netloc=base.netloc))

    return FeedMeta(
        title=_title(listing, site.title),
        feed_url=url(route, listing.params() | key),
        self_url=url(route, listing.params(cursor=listing.cursor) | key),
        next_url=url(route, listing.params(cursor=next_cursor) | key) if next_cursor else None,
        home_page_url=url("docs", {}),  # the service's one HTML page: an API, no site
        updated=max((item.updated_at for item in items), default=now),
    )


def _examples() -> tuple[Any, str]:
    """The documented examples are real renderings of the API's example item, so they cannot drift.

    Rendered when the OpenAPI document is built (`document_examples`), not at import.
    """
    item = ItemOut.model_validate(EXAMPLE_ITEM)
    assert item.published_at is not None
    cursor = encode_cursor(Cursor(kind="time", sort_at=to_micros(item.published_at), id=item.id))
    documents = []
    for suffix, render in ((".json", render_json_feed), (".atom", render_atom)):
        feed = f"https://feedhook.example/v1/feed{suffix}?source=Business+Insider"
        meta = FeedMeta(
            title="feedhook · Business Insider",
            feed_url=feed,
            self_url=feed,
            next_url=f"{feed}&cursor={cursor}",
            home_page_url="https://feedhook.example/docs",
            updated=item.updated_at,
        )
        documents.append(render([item], meta))
    return orjson.loads(documents[0]), documents[1].decode()


def document_examples(schema: dict[str, Any]) -> None:
    """Put the rendered example documents into the OpenAPI document's 200 answers of the two feed routes."""
    json_feed, atom = _examples()
    paths = schema.get("paths", {})
    for path, media_type, example in (
        ("/v1/feed.json", JSON_FEED_MEDIA_TYPE, json_feed),
        ("/v1/feed.atom", ATOM_MEDIA_TYPE, atom),
    ):
        content = paths[path]["get"]["responses"]["200"]["content"][media_type]
        content["example"] = example


INVALID: dict[int | str, dict[str, Any]] = {422: problem("Invalid parameter or cursor (problem+json)")}


@router.get(
    "/feed.json",
    summary="Items as a JSON Feed",
    response_class=JsonFeedResponse,
    responses={
        200: {
            "description": "A JSON Feed 1.1 document; `next_url` is the next page, absent on the last.",
            "content": {JSON_FEED_MEDIA_TYPE: {"schema": {"type": "object"}}},  # example: document_examples
        },
        304: NOT_MODIFIED,
        **INVALID,
    },
    openapi_extra={"parameters": LISTING_PARAMETERS},
)
async def json_feed(
    request: Request, pages: PagesDep, site: SiteDep, clock: ClockDep, listing: ListingDep, _: FeedReadDep
) -> Response:
    """Items as /v1/items lists them, as a JSON Feed 1.1 document: bullets as a list, then paragraphs."""
    items, next_cursor = await read_page(pages, listing)
    meta = _feed_meta(
        request, route="json_feed", site=site, now=clock(), listing=listing, items=items, next_cursor=next_cursor
    )
    return conditional(request, render_json_feed(items, meta), media_type=JSON_FEED_MEDIA_TYPE)


@router.get(
    "/feed.atom",
    summary="Items as an Atom feed",
    response_class=AtomResponse,
    responses={
        200: {
            "description": 'An Atom 1.0 feed document, paged by RFC 5005 `link rel="next"`.',
            "content": {ATOM_MEDIA_TYPE: {"schema": {"type": "string"}}},  # example: document_examples
        },
        304: NOT_MODIFIED,
        **INVALID,
    },
    openapi_extra={"parameters": LISTING_PARAMETERS},
)
async def atom_feed(
    request: Request, pages: PagesDep, site: SiteDep, clock: ClockDep, listing: ListingDep, _: FeedReadDep
) -> Response:
    """Items as /v1/items lists them, as an Atom 1.0 feed: bullets as a list, then paragraphs."""
    items, next_cursor = await read_page(pages, listing)
    meta = _feed_meta(
        request, route="atom_feed", site=site, now=clock(), listing=listing, items=items, next_cursor=next_cursor
    )
    return conditional(request, render_atom(items, meta), media_type=ATOM_MEDIA_TYPE)
