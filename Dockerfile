# syntax=docker/dockerfile:1
# Build stage: install feedhook and its pinned dependencies into a venv (same pins as `make run`).
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY app ./app
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install -c constraints.txt .

# Runtime stage: only the venv, a non-root user and the data volume.
FROM python:3.11-slim
RUN groupadd --system --gid 10001 feedhook \
    && useradd --system --uid 10001 --gid feedhook --home-dir /data --shell /usr/sbin/nologin feedhook \
    && mkdir -p /data \
    && chown 10001:10001 /data
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    FEEDHOOK_DATABASE_URL=sqlite:////data/feedhook.db \
    FEEDHOOK_DATA_DIR=/data \
    FEEDHOOK_LOG_FORMAT=json
WORKDIR /data
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
CMD ["feedhook", "serve", "--host", "0.0.0.0", "--port", "8000"]
