"""Newsroom settings: one file, configured from the environment (twelve-factor).

Every value below can be set by an environment variable or a local `.env` file;
the README lists them. Production behaviour is switched on by the environment,
never by a second settings module.
"""

from pathlib import Path

import environ
from django.utils.csp import CSP

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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_prose_editor",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
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

# Database: a SQLite file when DATABASE_URL is unset (the embedded default).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections, checked before reuse so a database restart costs no errors.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
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
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {
        "BACKEND": env("DEFAULT_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")
    },
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
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *env.list("CSP_IMG_SRC", default=[])],
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

# Share-link tokens (articles/preview.py) are secrets: mask them in Django's request and
# runserver logs. The django.server handler and formatter repeat Django's defaults.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_share_tokens": {"()": "articles.log_filters.MaskShareTokens"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "django.server": {"level": "INFO", "class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "loggers": {
        "django.request": {"filters": ["mask_share_tokens"]},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["mask_share_tokens"],
        },
    },
}

# The summary assistant (issue 6): which summarizer suggests summaries, and how long they may be.
# SUMMARIZER_BACKEND is "extractive" (built in, no network) or "openai" (any OpenAI-compatible
# chat completions endpoint at SUMMARIZER_BASE_URL). An empty SUMMARIZER_PROMPT means the default
# prompt in articles/summarizers.py; {language} and {max_chars} in a prompt are filled in.
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
# Suggestions run as Django tasks. The immediate backend runs them inside the request, so a slow
# model holds up the editor's click; production names a real queue backend here, e.g.
# TASKS_BACKEND=django_tasks.backends.database.DatabaseBackend with `manage.py db_worker` (README).
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", default="django.tasks.backends.immediate.ImmediateBackend")}
}
