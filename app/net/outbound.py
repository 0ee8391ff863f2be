"""The httpx client for shortlinks and outbound webhooks: guarded transport, HTTP/1.1, no environment proxies."""

from __future__ import annotations

import ssl

import httpx

from app.net.guard import OutboundGuard

__all__ = ["build_http_client"]


def build_http_client(
    *,
    guard: OutboundGuard,
    user_agent: str,
    timeout: float = 10.0,
    max_connections: int = 100,
    ssl_context: ssl.SSLContext | None = None,
) -> httpx.AsyncClient:
    """Every connection dialled through ``guard``; redirects left to the caller, who checks each hop.

    ``ssl_context`` defaults to certifi's CA bundle, ignoring SSL_CERT_FILE (the environment is not trusted).
    """
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=min(20, max_connections))
    return httpx.AsyncClient(
        transport=guard.transport(limits=limits, ssl_context=ssl_context),
        headers={"User-Agent": user_agent},
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
    )
