"""Root URLconf. Each app owns its pages/webhooks (`<app>.urls`) and its API (`<app>.api_urls`, under /api/)."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from fraudsafe.views import CachedSchemaView, DocsView, HealthApi, HealthSlashApi

APPS = ["accounts", "complaints", "patterns", "alerts", "campaigns", "recovery", "privacy"]

admin.site.site_header = _("FraudSafe administration")
admin.site.site_title = _("FraudSafe")
admin.site.index_title = _("Helpline administration")

api_patterns = [
    path("health", HealthApi.as_view(), name="health"),
    path("health/", HealthSlashApi.as_view()),
    path("schema/", CachedSchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="schema"), name="docs"),
    *(path("", include(f"{app}.api_urls")) for app in APPS),
]

urlpatterns = [
    # Browsers ask for /favicon.ico on every page that names none (the admin, the docs' first load).
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("api/", include(api_patterns)),
    *(path("", include(f"{app}.urls")) for app in APPS),
]

handler400 = "fraudsafe.views.handler400"
handler403 = "fraudsafe.views.handler403"
handler404 = "fraudsafe.views.handler404"
handler500 = "fraudsafe.views.handler500"
