"""Operations: health probes, Prometheus metrics and log setup."""
