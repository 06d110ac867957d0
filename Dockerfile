FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
      python3 python3-venv python3-pip chromium fonts-dejavu-core poppler-utils nodejs npm ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . /app
RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir -e . gunicorn \
    && npm install --no-audit --no-fund
ENV PATH=/opt/venv/bin:$PATH DJANGO_SETTINGS_MODULE=auditor.settings
