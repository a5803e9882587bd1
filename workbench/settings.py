"""Settings for the workbench, read from the environment.

DATABASE_URL   database (default: SQLite file next to manage.py)
SECRET_KEY     required when DEBUG is off
DEBUG          "1"/"true" to enable debug mode (default off)
ALLOWED_HOSTS  comma-separated host names (default: localhost names)
MAX_UPLOAD_BYTES  largest accepted import file (default 50 MB)
TASKS_BACKEND  "db" (default: jobs wait in the database for `manage.py db_worker`) or
               "immediate" (jobs run inside the request; single process, no worker)
BACKGROUND_THRESHOLD_BYTES  uploads above this run as background jobs (default 2 MB)
PARSE_HELPER_MIN_BYTES  imports of files this big are read in a helper process while
               the units are stored (default 8 MB; 0: never)
BACKGROUND_EXPORT_SEGMENTS  exports of documents above this many segments too (20,000)
BACKGROUND_CHECK_SEGMENTS  a glossary change re-checks a project this big in jobs (20,000)
JOB_HEARTBEAT_SECONDS, JOB_STALE_SECONDS, JOB_FILE_RETENTION_DAYS  stuck jobs and old files
FRAGMENT_CACHE_ENTRIES  review-page rows each process keeps in memory (5,000; 0: none)
SQLITE_BUSY_TIMEOUT  seconds a write waits for SQLite's write lock before a 503 (30)
WORKBENCH_TRUSTED_PROXY_HEADER, WORKBENCH_TRUSTED_PROXY_HOPS  the client's address behind
               a proxy, for the log-in throttle (default: REMOTE_ADDR)
WEBHOOK_ALLOW_PRIVATE  1: webhooks may go to loopback, private and link-local addresses
               (default: refused, as SSRF); WEBHOOK_TIMEOUT_SECONDS (10) and
               WEBHOOK_RESPONSE_MAX_BYTES (65,536) bound each delivery
Every setting is described in docs/DEPLOY.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if os.environ.get("WORKBENCH_REQUIRE_SECRET"):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    # A development key for the demo and tests. Its "django-insecure-" prefix makes
    # `manage.py check --deploy` flag it; production sets SECRET_KEY (and
    # WORKBENCH_REQUIRE_SECRET=1 makes forgetting it fatal).
    SECRET_KEY = "django-insecure-workbench-development-key-not-for-production-use"  # noqa: S105

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the session's and the others': a busy database they meet is a 503 too.
    "reviews.middleware.DatabaseBusyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "workbench.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

WSGI_APPLICATION = "workbench.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
# SQLite has one write lock. WAL lets readers and one writer work at once; IMMEDIATE
# takes the lock when a write transaction begins, avoiding "database is locked" upgrades
# inside it; and a writer that finds it taken waits up to SQLITE_BUSY_TIMEOUT seconds
# (a big import holds it to the end, to store all or nothing) before the request
# answers 503 "the database is busy" (reviews/middleware.py).
SQLITE_BUSY_TIMEOUT = float(os.environ.get("SQLITE_BUSY_TIMEOUT", "30"))
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL;",
    "timeout": SQLITE_BUSY_TIMEOUT,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# The proxy serves STATIC_ROOT in production. With no proxy in front (a trial on one
# machine, docs/DEPLOY.md) WORKBENCH_SERVE_STATIC=1 lets Django serve it, slowly.
SERVE_STATIC = env_bool("WORKBENCH_SERVE_STATIC")

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
# Links sent by e-mail or printed by the command line (set-password, invitations) start
# with this; in a request the request's own host is used instead.
SITE_URL = os.environ.get("WORKBENCH_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Invitations and password resets are e-mailed through Django's mailers: the console by
# default (the server prints the message); WORKBENCH_EMAIL_HOST sends by SMTP instead.
if os.environ.get("WORKBENCH_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["WORKBENCH_EMAIL_HOST"],
                "port": int(os.environ.get("WORKBENCH_EMAIL_PORT", "25")),
                "username": os.environ.get("WORKBENCH_EMAIL_USER", ""),
                "password": os.environ.get("WORKBENCH_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("WORKBENCH_EMAIL_TLS"),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "workbench@localhost")
# Password-reset e-mails one address may ask for in LOGIN_WINDOW_SECONDS.
PASSWORD_RESETS_PER_ADDRESS = int(os.environ.get("PASSWORD_RESETS_PER_ADDRESS", "10"))

# Uploads: files larger than this are refused before they are parsed.
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the htmx script reads it from the page's meta/hx-headers
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content Security Policy: scripts only from here and with this response's nonce; no
# inline styles (progress bars are SVG attributes), no plugins, no framing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Behind TLS (production): WORKBENCH_HTTPS=1 turns on secure cookies, HSTS and the
# redirect to https, which `manage.py check --deploy` expects.
if env_bool("WORKBENCH_HTTPS"):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Caches: "default" (login throttling) and "fragments" (the review page's rows, keyed by
# a digest of what they show, so never stale: entries only age out). Each process keeps
# its own in memory; with REDIS_URL every process shares both.
FRAGMENT_CACHE_ENTRIES = int(os.environ.get("FRAGMENT_CACHE_ENTRIES", "5000"))
FRAGMENT_CACHE_SECONDS = 7 * 24 * 3600
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {  # strings only, kept unpickled (reviews/fragment_cache.py)
        "BACKEND": "reviews.fragment_cache.FragmentCache",
        "LOCATION": "fragments",
        "TIMEOUT": FRAGMENT_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": FRAGMENT_CACHE_ENTRIES},
    },
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "fragments",
            "TIMEOUT": FRAGMENT_CACHE_SECONDS,
        },
    }
if FRAGMENT_CACHE_ENTRIES <= 0:  # memoising rows turned off
    CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# Failed log-ins allowed in LOGIN_WINDOW_SECONDS (reviews/views/auth.py): for one user
# name from one client address, for the name from anywhere, and from the address for
# any name.
LOGIN_FAILURES_ALLOWED = int(os.environ.get("LOGIN_FAILURES_ALLOWED", "5"))
LOGIN_FAILURES_PER_USER = int(os.environ.get("LOGIN_FAILURES_PER_USER", "50"))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "50"))
LOGIN_WINDOW_SECONDS = int(os.environ.get("LOGIN_WINDOW_SECONDS", "900"))
# Behind a proxy REMOTE_ADDR is the proxy's: the client's address is read from the header
# the proxy sets (e.g. X-Forwarded-For), the entry written by the outermost of
# WORKBENCH_TRUSTED_PROXY_HOPS proxies that each append one. Unset: REMOTE_ADDR.
TRUSTED_PROXY_HEADER = os.environ.get("WORKBENCH_TRUSTED_PROXY_HEADER", "").strip()
TRUSTED_PROXY_HOPS = int(os.environ.get("WORKBENCH_TRUSTED_PROXY_HOPS", "1"))

# Background jobs (imports, re-imports and exports of big files) go through Django's
# tasks framework. The database backend lets any number of `manage.py db_worker`
# processes, on any machine that reaches the database, share the queue. "immediate"
# runs each job inside the request that asked for it (the test suite uses it too).
TASKS_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "db")
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}
BACKGROUND_THRESHOLD_BYTES = int(os.environ.get("BACKGROUND_THRESHOLD_BYTES", str(2 * 1024 * 1024)))
BACKGROUND_EXPORT_SEGMENTS = int(os.environ.get("BACKGROUND_EXPORT_SEGMENTS", "20000"))
# Imports of files this big read them in a helper process while storing the units.
PARSE_HELPER_MIN_BYTES = int(os.environ.get("PARSE_HELPER_MIN_BYTES", str(8 * 1024 * 1024)))
# A glossary change re-checks the QA of a project with more segments in background jobs.
BACKGROUND_CHECK_SEGMENTS = int(os.environ.get("BACKGROUND_CHECK_SEGMENTS", "20000"))
# A running job's worker writes a heartbeat this often; a running job without one for
# JOB_STALE_SECONDS is failed (its worker was killed or its machine lost), and the files
# of jobs that ended more than JOB_FILE_RETENTION_DAYS ago are dropped.
JOB_HEARTBEAT_SECONDS = float(os.environ.get("JOB_HEARTBEAT_SECONDS", "30"))
JOB_STALE_SECONDS = float(os.environ.get("JOB_STALE_SECONDS", "600"))
JOB_FILE_RETENTION_DAYS = float(os.environ.get("JOB_FILE_RETENTION_DAYS", "7"))
# Webhooks: endpoints on private networks are refused (SSRF) unless allowed here; each
# attempt waits at most the timeout and reads at most so many bytes of the answer.
WEBHOOK_ALLOW_PRIVATE = os.environ.get("WEBHOOK_ALLOW_PRIVATE", "") == "1"
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10"))
WEBHOOK_RESPONSE_MAX_BYTES = int(os.environ.get("WEBHOOK_RESPONSE_MAX_BYTES", str(64 * 1024)))
