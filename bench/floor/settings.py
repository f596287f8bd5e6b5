"""Settings of the bare floor: `startproject`'s defaults minus the admin and the database."""

import os

SECRET_KEY = os.environ.get("SECRET_KEY", "floor-only-insecure-key")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "floor.urls"
WSGI_APPLICATION = "floor.wsgi.application"

# What `startproject` installs, without the admin (it needs a database and templates to be loaded).
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
# `startproject`'s middleware, unchanged: sessions and authentication are lazy, so the view
# touching neither means no database is ever needed.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
DATABASES = {}
USE_TZ = True
STATIC_URL = "static/"
