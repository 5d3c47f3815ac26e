"""WSGI app for the intake benchmark: the real Django project plus one trivial view (the baseline).

gunicorn bench.bare_app:application — serves every production URL and `/bench/bare/` through the same
middleware stack, so the WhatsApp webhook and the bare view are compared under identical serving. Never
used in production URLs.
"""

import django

django.setup(set_prefix=False)

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connections  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


@csrf_exempt
def bare_view(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare_view),
    path("", include("fraudsafe.urls")),
]

settings.ROOT_URLCONF = __name__
# Serve like production (settings.py keeps connections 60 s); the test settings close them after each request.
for database in (settings.DATABASES["default"], connections["default"].settings_dict):
    database["CONN_MAX_AGE"] = 60
application = WSGIHandler()
