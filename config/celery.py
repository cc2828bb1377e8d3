"""Celery application. Broker and schedule come from Django settings (CELERY_* names)."""

import os

from celery import Celery

import core.broker  # noqa: F401  the atomic-filesystem:// broker of `make run`

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("homeward")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
