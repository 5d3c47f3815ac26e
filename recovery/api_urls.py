"""API endpoints of the money trail (mounted under /api/)."""

from django.urls import path

from recovery import api

urlpatterns = [
    path("freeze-requests/", api.FreezeRequestListApi.as_view(), name="api-freeze-request-list"),
    path("freeze-requests/<int:pk>/", api.FreezeRequestDetailApi.as_view(), name="api-freeze-request-detail"),
    path(
        "freeze-requests/<int:pk>/acknowledge/",
        api.FreezeRequestAcknowledgeApi.as_view(),
        name="api-freeze-request-acknowledge",
    ),
    path("freeze-requests/<int:pk>/outcome/", api.FreezeRequestOutcomeApi.as_view(), name="api-freeze-request-outcome"),
    path("freeze-callback/", api.CallbackSettingsApi.as_view(), name="api-freeze-callback"),
]
