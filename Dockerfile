# Homeward production image: gunicorn serving Django, static files served by WhiteNoise.
# The same image runs the Celery worker and beat (see docker-compose.yml).

# ---- Front-end assets: GOV.UK Frontend and MOJ Frontend compiled with Sass (make assets).
FROM node:20-bookworm-slim AS assets
RUN apt-get update \
    && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && touch node_modules/.homeward-npm
COPY Makefile ./
COPY static_src ./static_src
COPY static ./static
RUN make assets

# ---- Application.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.production \
    HOMEWARD_VAR_DIR=/app/var \
    MEDIA_ROOT=/data/media

# WeasyPrint loads Pango and HarfBuzz with dlopen. The board report is set in Liberation Sans
# (Arial's metrics); DejaVu is the fallback font for PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --home-dir /home/homeward --shell /usr/sbin/nologin homeward

WORKDIR /app
# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml ./
RUN pip install .

COPY . .
COPY --from=assets /app/static ./static

# collectstatic needs config.production's manifest storage, and config.production refuses to load
# without a long SECRET_KEY: give it a throwaway one that exists only in this build step.
RUN SECRET_KEY="collectstatic-only-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
        python manage.py collectstatic --no-input \
    && mkdir -p /data/media \
    && chown -R homeward:homeward /app/var /data/media

USER homeward
EXPOSE 8000
VOLUME ["/data/media"]

CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
