"""Newsroom settings: one file, configured from the environment (twelve-factor).

Every value below can be set by an environment variable or a local `.env` file;
the README lists them. Production behaviour is switched on by the environment,
never by a second settings module.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.csp import CSP
from django_prose_editor.config import html_tags
from js_asset import static_lazy

from newsroom import environment
from newsroom.csp import TIPTAP_BASE_STYLE_HASH

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Optional, for local use; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Without DEBUG there is no default: the process refuses to start without a real key.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key" if DEBUG else environ.Env.NOTSET)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin with the desk as its home page (desk/sites.py).
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_prose_editor",
    "axes",
    "django_tasks_db",
    "newsroom",
    "pagecache",
    "images",
    "articles",
    "assistant",
    "notifications",
    "desk",
    "demo",
]

MIDDLEWARE = [
    "newsroom.middleware.RequestLogMiddleware",
    # /healthz and /readyz, before anything can cache, redirect or refuse them (issue 11).
    "newsroom.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Issue 12: the gate for media (renditions of public images; never originals), before the page
    # cache and sessions, as whitenoise is for static files.
    "images.media.MediaMiddleware",
    # Issue 7: ETag/304, a 503 page while the database is down, and the anonymous page cache,
    # which sits outside sessions and CSP so a cache hit skips them (the stored response keeps its headers).
    "django.middleware.http.ConditionalGetMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # django-axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

# Database: a SQLite file when DATABASE_URL is unset (the embedded default); PostgreSQL with
# persistent connections and deadlines on every wait (newsroom/environment.py, issue 11).
DATABASES = {"default": environment.database(env, BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANGUAGE_CODE", default="en")
LANGUAGES = [("en", "English"), ("ru", "Русский")]
TIME_ZONE = env("TIME_ZONE", default="Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by whitenoise (issue 11).
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
# --- Media: the image library's originals and renditions (issue 12) ----------------------------
# Every media URL goes through images.media.MediaMiddleware, which serves renditions of public
# images only (originals never). MEDIA_URL may name a CDN whose origin is this site, e.g.
# https://media.example.com/media/. MEDIA_STORAGE is "local" (MEDIA_ROOT) or "s3": any
# S3-compatible object storage through django-storages, for several app servers.
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_STORAGE = env("MEDIA_STORAGE", default="local")
# `make serve` sets it: the gate answers with X-Accel-Redirect and nginx sends the file.
MEDIA_ACCEL_REDIRECT = env("MEDIA_ACCEL_REDIRECT", default="")
MEDIA_BACKEND = environment.media_storage(env, MEDIA_STORAGE)
IMAGE_MAX_UPLOAD_MB = env.int("IMAGE_MAX_UPLOAD_MB", default=25)
# Pillow refuses larger pictures before decoding them (decompression bombs): 60 megapixels.
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=60_000_000)
IMAGE_MAX_SIDE = env.int("IMAGE_MAX_SIDE", default=12_000)
IMAGE_RENDITION_THREADS = env.int("IMAGE_RENDITION_THREADS", default=2)

STORAGES = {
    "default": MEDIA_BACKEND,
    # Compressed files with hashed names when DEBUG is off; plain files while developing.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Django's own Content-Security-Policy: no inline scripts or styles anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # Plus one hash: the admin editor's fixed base stylesheet (issue 7, see newsroom/csp.py).
    "style-src": [CSP.SELF, TIPTAP_BASE_STYLE_HASH],
    "img-src": [
        CSP.SELF,
        "data:",
        *env.list("CSP_IMG_SRC", default=[]),
        # A MEDIA_URL on a CDN's host.
        *(
            [f"{urlsplit(MEDIA_URL).scheme}://{urlsplit(MEDIA_URL).netloc}"]
            if urlsplit(MEDIA_URL).netloc
            else []
        ),
    ],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGIN_URL = "admin:login"

# The newsroom's public identity, used in feeds, metadata and the news sitemap.
NEWSROOM_NAME = env("NEWSROOM_NAME", default="Newsroom")
ARTICLES_PER_PAGE = env.int("ARTICLES_PER_PAGE", default=20)

DJANGO_PROSE_EDITOR_DEFAULT_PRESET = "configurable"
# The body editor's figure tool takes pictures from the image library (issue 12): a figure stores
# <img data-image="<id>">, nothing else, and pages render it from the library. These processors
# are what the sanitizer's allowlist (articles/html.py) derives for the two extensions.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/image-library-editor.js")],
        "extensions": {
            "LibraryFigure": html_tags(["figure", "figcaption"]),
            "LibraryImage": html_tags(["img"], {"img": ["data-image"]}),
        },
    }
]

# The summary assistant (issue 6): which summarizer suggests summaries, and how long they may be.
# SUMMARIZER_BACKEND is "extractive" (built in, no network) or "openai" (any OpenAI-compatible
# chat completions endpoint at SUMMARIZER_BASE_URL). An empty SUMMARIZER_PROMPT means the default
# prompt in assistant/summarizers/openai.py; {language} and {max_chars} in a prompt are filled in.
SUMMARY_MAX_LENGTH = env.int("SUMMARY_MAX_LENGTH", default=600)
SUMMARIZER = {
    "BACKEND": env("SUMMARIZER_BACKEND", default="extractive"),
    "BASE_URL": env("SUMMARIZER_BASE_URL", default=""),
    "MODEL": env("SUMMARIZER_MODEL", default=""),
    "API_KEY": env("SUMMARIZER_API_KEY", default=""),
    "TIMEOUT": env.float("SUMMARIZER_TIMEOUT", default=20.0),
    "RETRIES": env.int("SUMMARIZER_RETRIES", default=2),
    "PROMPT": env("SUMMARIZER_PROMPT", default=""),
}
# Background work runs as Django tasks. The immediate backend (the default, for `make run` and the
# tests) runs a task inside the request that queues it; `make serve` and production use the
# database queue, TASKS_BACKEND=django_tasks_db.DatabaseBackend, with `manage.py db_worker`
# processes (deploy/serve.py starts one).
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", default="django.tasks.backends.immediate.ImmediateBackend")}
}
# A suggestion no worker has started within this many seconds is marked failed (issue 11); one a
# worker started fails after the task's own budget (assistant/limits.py).
SUMMARY_QUEUE_TIMEOUT = env.int("SUMMARY_QUEUE_TIMEOUT", default=900)

# --- Notifications by email (issue 14) ------------------------------------------------------------
# Django's mailers, configured from the environment. Without EMAIL_HOST (or EMAIL_BACKEND) there is
# no mailer: notifications appear in the admin only, each noting that no email was sent. Sending
# runs in the task queue; a failure is retried NOTIFICATION_EMAIL_ATTEMPTS times in all, after
# NOTIFICATION_EMAIL_RETRY_SECONDS and then twice as long each time. SITE_URL (e.g.
# https://news.example.com) makes the links in emails absolute; the worker has no request to ask.
MAILERS = environment.mailers(env)
# No mailer is a choice here (notifications stay in the admin, saying so), not a mistake to warn about.
SILENCED_SYSTEM_CHECKS = [] if MAILERS else ["mail.W001"]
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="newsroom@localhost")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
SITE_URL = env("SITE_URL", default="")
NOTIFICATION_EMAIL_ATTEMPTS = env.int("NOTIFICATION_EMAIL_ATTEMPTS", default=5)
NOTIFICATION_EMAIL_RETRY_SECONDS = env.int("NOTIFICATION_EMAIL_RETRY_SECONDS", default=60)
# The change form's heartbeat (edit presence) and autosave, in seconds.
DESK_HEARTBEAT_SECONDS = env.int("DESK_HEARTBEAT_SECONDS", default=10)
DESK_AUTOSAVE_SECONDS = env.int("DESK_AUTOSAVE_SECONDS", default=5)

# --- Production security (issue 7) -------------------------------------------------------------
# Behind TLS set HTTPS=on: SSL redirect, secure cookies and a year of HSTS (including subdomains
# and the preload flag), each overridable on its own. Off by default so `make serve` works on
# plain http://127.0.0.1. Behind a proxy that terminates TLS, name the header it sets:
# SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO, and PROXY_COUNT=1 so login throttling sees the
# reader's address (the right-most X-Forwarded-For entry the proxy added), not the proxy's.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=HTTPS)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
if proxy_ssl_header := env("SECURE_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = (proxy_ssl_header, "https")
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
SESSION_COOKIE_HTTPONLY = True

# --- Admin login throttling with django-axes (issues 7 and 11) -----------------------------------
# Locked by username AND address together: guessing from one address locks that pair only, so
# nobody can lock an editor out from everywhere. Axes' backend first, Django's own second.
AUTHENTICATION_BACKENDS = [
    "newsroom.auth.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "newsroom.auth.client_ip"
AXES_USERNAME_CALLABLE = "newsroom.auth.axes_username"
AXES_VERBOSE = False
# Issue 11: limits per account and per address on top of the pair lock (newsroom/auth.py explains).
# Axes keeps every failure (AccessFailureLog, up to 1000 per username) and every login (AccessLog);
# a try refused by a lock is neither checked nor counted; the lock-out page says when to try again.
AXES_HANDLER = "newsroom.auth.LoginThrottleHandler"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "newsroom.auth.lockout_response"
LOGIN_FAILURE_WINDOW = timedelta(hours=24)  # for the per-address count
LOGIN_ACCOUNT_FREE_FAILURES = env.int("LOGIN_ACCOUNT_FREE_FAILURES", default=10)
LOGIN_ADDRESS_FREE_FAILURES = env.int("LOGIN_ADDRESS_FREE_FAILURES", default=20)
LOGIN_ACCOUNT_FAILURE_CAP = env.int("LOGIN_ACCOUNT_FAILURE_CAP", default=100)  # NIST SP 800-63B
LOGIN_MAX_DELAY = 15 * 60  # seconds between tries at most, once the free failures are used up
LOGIN_KNOWN_ADDRESS_DAYS = 30

# --- Caching (issue 7) -------------------------------------------------------------------------
# LocMem per process by default; Redis shared by all app servers when REDIS_URL is set.
# django-redis with IGNORE_EXCEPTIONS, not Django's RedisCache: with the built-in backend a Redis
# outage turned 100 of 100 requests into 500s; here pages render uncached instead (issue 7).
CACHES = {"default": environment.cache(env)}
# Anonymous public pages (the pagecache app): kept up to PAGE_CACHE_SECONDS, each until a purge of a
# tag it shows (issue 13); browsers and CDNs may keep them PAGE_MAX_AGE seconds. Both are cut short
# by the next scheduled publication. After a soft purge (an ordinary edit) readers may get the
# previous page for PAGE_STALE_SECONDS while one request renders the new one; 0 never serves one.
# One path keeps PAGE_CACHE_VARIANTS entries with query parameters at most (`?page=2`, searches).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_MAX_AGE = env.int("PAGE_MAX_AGE", default=60)
PAGE_STALE_SECONDS = env.int("PAGE_STALE_SECONDS", default=10)
# With no page to serve (new, expired, purged hard) one request renders it; others wait for its
# copy up to this long, then render themselves. 0: everyone renders.
PAGE_RENDER_WAIT_SECONDS = env.float("PAGE_RENDER_WAIT_SECONDS", default=2.0)
PAGE_CACHE_VARIANTS = env.int("PAGE_CACHE_VARIANTS", default=100)
# The HTTP cache tier in front of the app servers: Varnish (deploy/varnish/newsroom.vcl), Fastly or
# Cloudflare, purged by tag after each change (pagecache/purgers.py). From VARNISH_URLS (e.g.
# http://127.0.0.1:6081), FASTLY_SERVICE_ID and FASTLY_API_TOKEN, CLOUDFLARE_ZONE_ID and
# CLOUDFLARE_API_TOKEN (newsroom/environment.py); none by default.
PAGE_CACHE_PURGERS = environment.page_cache_purgers(env)

# --- Logging (issue 7) -------------------------------------------------------------------------
# JSON lines on stdout: one per request (newsroom.request) and every error with its traceback.
# Add filters (e.g. masking secrets in paths) under "filters" and list them on the handler.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Share-link tokens (articles/preview.py) are secrets: masked in every log line.
    # Expected failures (an outage, a bad Host header) are one warning line, no traceback (issue 11).
    "filters": {
        "mask_share_tokens": {"()": "newsroom.logging.MaskShareTokens"},
        "expected_failures": {"()": "newsroom.logging.ExpectedFailures"},
    },
    "formatters": {
        "json": {"()": "newsroom.logging.JSONFormatter"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["mask_share_tokens", "expected_failures"],
        },
    },
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Request lines come from newsroom.request; django.request would repeat 4xx/5xx ones.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "newsroom.request": {"level": "INFO", "propagate": True},
    },
}
REQUEST_LOG = env.bool("REQUEST_LOG", default=True)

# --- Benchmark (issue 7) -----------------------------------------------------------------------
# BENCH_FLOOR=1 adds /bench/floor, a fixed page through the same server and middleware: the
# framework's floor that `make bench` compares every page with. Never set in production.
BENCH_FLOOR = env.bool("BENCH_FLOOR", default=False)
