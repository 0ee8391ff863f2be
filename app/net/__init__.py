"""The outbound network: the SSRF guard and the clients dialled through it, bounded decoding, HTTP headers, retries.

Every connection feedhook opens goes through ``guard.OutboundGuard``: the feed client (aiohttp, the
poller's) and the outbound client (httpx: webhook deliveries, shortlinks) side by side. Nothing here
knows the store, the feeds pipeline or the web layer.
"""
