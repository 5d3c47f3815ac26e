"""API endpoints of this app (mounted under /api/)."""

from django.urls import path

from campaigns import api

urlpatterns = [
    path("campaigns/detect/", api.DetectApi.as_view(), name="campaigns-detect"),
    path("campaigns/vulnerable-users/", api.VulnerableUsersApi.as_view(), name="campaigns-vulnerable-users"),
    path("campaigns/process-alert/", api.ProcessAlertApi.as_view(), name="campaigns-process-alert"),
    path("campaigns/statistics/", api.StatisticsApi.as_view(), name="campaigns-statistics"),
    path("campaigns/active/", api.ActiveCampaignsApi.as_view(), name="campaigns-active"),
    path("campaigns/<int:pk>/deactivate/", api.DeactivateApi.as_view(), name="campaigns-deactivate"),
    path("campaigns/signals/", api.SignalsApi.as_view(), name="campaigns-signals"),
    path("campaigns/behaviour/", api.BehaviourApi.as_view(), name="campaigns-behaviour"),
    path("campaigns/score-series/", api.ScoreSeriesApi.as_view(), name="campaigns-score-series"),
    path("verification/<str:phone>/", api.VerificationApi.as_view(), name="verification-level"),
]
