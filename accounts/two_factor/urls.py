"""The user's two-step sign-in pages (two_factor namespace), under /accounts/two-step/."""

from django.urls import path

from accounts.two_factor import views

app_name = "two_factor"

urlpatterns = [
    path("", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("remove/", views.remove, name="remove"),
]
