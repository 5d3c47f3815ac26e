from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

urlpatterns = [
    path("console/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("console/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("console/language/", views.language_set, name="staff-language"),
    path("", views.home, name="home"),
]
