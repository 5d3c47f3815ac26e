"""API endpoints of this app (mounted under /api/)."""

from django.urls import path

from alerts import api

urlpatterns = [
    path("alerts/", api.AlertCreateApi.as_view(), name="alerts-create"),
    path("alerts/<int:pk>/", api.AlertDetailApi.as_view(), name="alerts-detail"),
    path("alerts/<int:pk>/deliveries/", api.AlertDeliveriesApi.as_view(), name="alerts-deliveries"),
    path("alerts/<int:pk>/cancel/", api.AlertCancelApi.as_view(), name="alerts-cancel"),
    path("consent/", api.ConsentRecordApi.as_view(), name="consent-record"),
    path("consent/<str:phone>/", api.ConsentDetailApi.as_view(), name="consent-detail"),
    # The earlier service's contracts, kept.
    path("alert/send", api.LegacyAlertSendApi.as_view(), name="legacy-alert-send"),
    path("alert/demo", api.LegacyDemoAlertApi.as_view(), name="legacy-alert-demo"),
    path("alert/location", api.LegacyLocationAlertApi.as_view(), name="legacy-alert-location"),
    path("users/location", api.LegacyCitizensByLocationApi.as_view(), name="legacy-users-location"),
]
