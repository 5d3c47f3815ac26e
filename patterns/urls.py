"""Pages of this app (absolute paths)."""

from django.urls import path

from patterns import views

urlpatterns = [
    path("console/patterns/", views.dashboard, name="patterns-dashboard"),
]
