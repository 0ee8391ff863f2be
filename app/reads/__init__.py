"""Reading the stored items: keyset cursors and the one reader of pages (listings, search, sync, feeds, SSE)."""
