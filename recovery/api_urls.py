"""API endpoints of the money trail (mounted under /api/)."""

from django.urls import path

from recovery import api, grievance_api, restitution_api

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
    path("refund-requests/", restitution_api.RefundRequestListApi.as_view(), name="api-refund-request-list"),
    path("refund-requests/<int:pk>/", restitution_api.RefundRequestDetailApi.as_view(), name="api-refund-request"),
    path("refund-requests/<int:pk>/confirm/", restitution_api.RefundConfirmApi.as_view(), name="api-refund-confirm"),
    path("refund-requests/<int:pk>/decline/", restitution_api.RefundDeclineApi.as_view(), name="api-refund-decline"),
    path(
        "freeze-requests/<int:freeze_request_id>/release/",
        restitution_api.HoldReleaseApi.as_view(),
        name="api-hold-release",
    ),
    path("hold-grievances/", grievance_api.GrievanceListApi.as_view(), name="api-hold-grievance-list"),
    path("hold-grievances/<int:pk>/", grievance_api.GrievanceDetailApi.as_view(), name="api-hold-grievance"),
]
