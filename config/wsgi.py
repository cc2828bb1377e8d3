"""The WSGI application gunicorn serves.

Once Django is set up and the URL configuration has imported every view, what has been made so
far (about 150,000 objects that last as long as the process: modules, models, URL patterns) is
frozen out of the garbage collector's full passes. Each of those passes scanned them all, 90 ms
on the benchmark machine, and a page that makes many objects (the occupancy board of 1,000
homes) met one about one request in fifteen: most of its p95 was that pause
(docs/performance.md).
"""

import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
import_module(settings.ROOT_URLCONF)
gc.collect()
gc.freeze()
