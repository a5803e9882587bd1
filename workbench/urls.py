from django.contrib import admin
from django.urls import include, path

from reviews.views.auth import ThrottledLoginView

urlpatterns = [
    path("accounts/login/", ThrottledLoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("reviews.api.urls")),
    path("", include("reviews.urls")),
]
