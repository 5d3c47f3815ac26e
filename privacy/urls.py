"""Public pages of the privacy app: the consent notice (with its withdraw button) and the copy of one's data."""

from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("privacy/withdraw/<str:token>/", views.withdraw, name="withdraw"),
    path("privacy/data/<str:token>/<str:fmt>/", views.bundle, name="bundle"),
]
