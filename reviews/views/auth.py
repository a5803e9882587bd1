"""Log-in with throttling, so passwords cannot be guessed at speed, without letting one
person's typos (or an attacker's guesses) lock everyone else out.

Failures are counted under three keys for ``LOGIN_WINDOW_SECONDS``; a log-in is refused
(429) while any of them is at its limit:

- the user name *from* the client address: ``LOGIN_FAILURES_ALLOWED`` (5). This is the
  one people meet: five wrong passwords lock that name from that client, nobody else;
- the user name from anywhere: ``LOGIN_FAILURES_PER_USER`` (50), so guessing one
  account's password from many addresses is still slow;
- the client address, whatever the name: ``LOGIN_FAILURES_PER_ADDRESS`` (50), so one
  client cannot try a password against every name.

The client address is REMOTE_ADDR, or behind a proxy the address the proxy reports in
``WORKBENCH_TRUSTED_PROXY_HEADER`` (see ``client_address``): keyed on the proxy's own
address, every user would share one counter.
"""

from __future__ import annotations

import hashlib
import ipaddress

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse


def client_address(request: HttpRequest) -> str:
    """The address of the client, as the trusted proxies in front saw it.

    Each of the ``TRUSTED_PROXY_HOPS`` proxies appends the address it received the
    request from to ``TRUSTED_PROXY_HEADER`` (nginx's ``$proxy_add_x_forwarded_for``),
    so the entry that many places from the right was written by the outermost trusted
    proxy; entries further left came from the client and may say anything. Without the
    setting, or without enough entries (a request that did not come through them),
    REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    header = settings.TRUSTED_PROXY_HEADER
    if not header:
        return remote
    meta_key = "HTTP_" + header.upper().replace("-", "_")
    entries = [e.strip() for e in request.META.get(meta_key, "").split(",") if e.strip()]
    hops = max(1, settings.TRUSTED_PROXY_HOPS)
    if len(entries) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-hops]))
    except ValueError:  # a proxy we trust writes addresses; anything else is not one
        return remote


def _name_key(request: HttpRequest) -> str:
    username = (request.POST.get("username") or "").strip().lower()[:150]
    return hashlib.sha256(username.encode()).hexdigest()[:32]  # safe in any cache key


def _counters(request: HttpRequest) -> list[tuple[str, int]]:
    """(cache key, limit) of each count this attempt is held to."""
    address, name = client_address(request), _name_key(request)
    return [
        (f"login-fail:user-addr:{name}:{address}", settings.LOGIN_FAILURES_ALLOWED),
        (f"login-fail:user:{name}", settings.LOGIN_FAILURES_PER_USER),
        (f"login-fail:addr:{address}", settings.LOGIN_FAILURES_PER_ADDRESS),
    ]


class ThrottledLoginView(auth_views.LoginView):
    def post(self, request, *args, **kwargs):
        counters = _counters(request)
        if any((cache.get(key) or 0) >= limit for key, limit in counters):
            minutes = max(1, settings.LOGIN_WINDOW_SECONDS // 60)
            form = self.get_form()
            form.errors.clear()
            response = self.render_to_response(self.get_context_data(form=form, throttled=minutes))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        # This person at this address knows the password: their own typos are forgiven.
        cache.delete(_counters(self.request)[0][0])
        return super().form_valid(form)

    def form_invalid(self, form) -> HttpResponse:
        for key, _limit in _counters(self.request):
            cache.add(key, 0, timeout=settings.LOGIN_WINDOW_SECONDS)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=settings.LOGIN_WINDOW_SECONDS)
        return super().form_invalid(form)


class _ResetForm(auth_forms.PasswordResetForm):
    def get_users(self, email):
        """Active accounts with that address, including invited people who have not
        chosen a password yet (Django skips accounts without a usable password)."""
        users = get_user_model()._default_manager.filter(
            **{f"{get_user_model().get_email_field_name()}__iexact": email, "is_active": True}
        )
        return (u for u in users if _same_email(getattr(u, u.get_email_field_name()), email))


def _same_email(a: str, b: str) -> bool:
    return auth_forms._unicode_ci_compare(a or "", b)


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, held to ``PASSWORD_RESETS_PER_ADDRESS`` requests a window per
    client address, so it cannot be used to flood an inbox or probe addresses at speed.
    The answer never says whether an account has the address."""

    form_class = _ResetForm

    def post(self, request, *args, **kwargs):
        key = f"password-reset:addr:{client_address(request)}"
        count = cache.get(key) or 0
        if count >= settings.PASSWORD_RESETS_PER_ADDRESS:
            minutes = max(1, settings.LOGIN_WINDOW_SECONDS // 60)
            response = self.render_to_response(
                self.get_context_data(form=self.get_form_class()(), throttled=minutes)
            )
            response.status_code = 429
            return response
        cache.set(key, count + 1, settings.LOGIN_WINDOW_SECONDS)
        return super().post(request, *args, **kwargs)


class _SetPasswordForm(auth_forms.SetPasswordForm):
    """Django's form with the focus in its first box: the page opened from an e-mailed
    link is there to type a password."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].widget.attrs["autofocus"] = True


class SetPasswordView(auth_views.PasswordResetConfirmView):
    form_class = _SetPasswordForm
