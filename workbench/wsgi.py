import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
application = get_wsgi_application()

# A server process (gunicorn, runserver) loads the checks' data before the first save.
from reviews.warmup import warm_in_background  # noqa: E402

warm_in_background()
