"""API endpoints of this app (mounted under /api/)."""

from django.urls import path

from patterns.api import AnalyzeApi, AnalyzeSlashApi, PatternReportApi

urlpatterns = [
    path("patterns/report/", PatternReportApi.as_view(), name="patterns-report"),
    path("analyze", AnalyzeApi.as_view(), name="analyze"),
    path("analyze/", AnalyzeSlashApi.as_view()),
]
