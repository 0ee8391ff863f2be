"""Webhook ingestion: lenient payload reading, authentication helpers and the ingest recipe."""
