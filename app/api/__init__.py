"""HTTP adapters: thin routes over the store and the ingest service, errors mapped to problem+json."""
