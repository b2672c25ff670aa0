# ssc-bot serve in HTTP mode: docker build -t ssc-bot . (README, "Running it for real").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
RUN pip install .

# pip installs bot/ into site-packages without knowledge/, so the bot is pointed at the copy here.
# Drafts from staff answers go on the volume too: the bot may write there, and they outlive upgrades.
ENV SSC_BOT_KNOWLEDGE=/app/knowledge \
    SSC_BOT_DB=/data/ssc-bot.db \
    SSC_BOT_DRAFTS=/data/drafts

RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin ssc \
    && mkdir /data && chown ssc /data
USER ssc
# The SQLite file and its WAL live here; a volume keeps them across container upgrades.
VOLUME /data
EXPOSE 3000

# The slim image has no curl; urlopen raises on anything but a 2xx, which fails the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=4)"]

CMD ["ssc-bot", "serve", "--host", "0.0.0.0", "--port", "3000"]
