"""Webhook ingestion: lenient payload reading, authentication helpers, the ingest recipe, shortlink resolution."""
