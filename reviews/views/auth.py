"""Log-in with throttling: repeated failures from one address or for one user name are
refused for a while (429), so passwords cannot be guessed at speed."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponse


def _keys(request) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "unknown")
    username = (request.POST.get("username") or "").strip().lower()[:150]
    keys = [f"login-fail:addr:{address}"]
    if username:
        keys.append(f"login-fail:user:{username}")
    return keys


class ThrottledLoginView(auth_views.LoginView):
    def post(self, request, *args, **kwargs):
        limit = settings.LOGIN_FAILURES_ALLOWED
        if any((cache.get(key) or 0) >= limit for key in _keys(request)):
            minutes = max(1, settings.LOGIN_WINDOW_SECONDS // 60)
            form = self.get_form()
            form.errors.clear()
            response = self.render_to_response(self.get_context_data(form=form, throttled=minutes))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form) -> HttpResponse:
        for key in _keys(self.request):
            cache.add(key, 0, timeout=settings.LOGIN_WINDOW_SECONDS)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=settings.LOGIN_WINDOW_SECONDS)
        return super().form_invalid(form)
