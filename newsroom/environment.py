"""Settings that take more than a line to build from the environment: newsroom/settings.py calls these.

Each takes the settings' `environ.Env` and returns one setting's value, so the settings file stays
one flat list of what can be configured and these functions hold how.
"""

from django.core.exceptions import ImproperlyConfigured


def database(env, base_dir):
    """DATABASE_URL as Django wants it: SQLite by default, PostgreSQL with deadlines."""
    database = env.db("DATABASE_URL", default=f"sqlite:///{base_dir / 'db.sqlite3'}")
    if database["ENGINE"] != "django.db.backends.postgresql":
        return database
    # Persistent connections, checked before reuse so a database restart costs no errors.
    database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    database["CONN_HEALTH_CHECKS"] = True
    # Deadlines on every wait for the database (issue 11): Django's backend plus client-side
    # timeouts and a circuit breaker, newsroom/postgresql/base.py. 0 turns a timeout off, e.g.
    # DATABASE_STATEMENT_TIMEOUT=0 for a long migration on a big archive.
    database["ENGINE"] = "newsroom.postgresql"
    statement_timeout = env.float("DATABASE_STATEMENT_TIMEOUT", default=5.0)
    idle_timeout = env.float("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", default=30.0)
    server_options = " ".join(
        f"-c {name}={round(seconds * 1000)}"
        for name, seconds in (
            ("statement_timeout", statement_timeout),
            ("idle_in_transaction_session_timeout", idle_timeout),
        )
        if seconds > 0
    )
    database["OPTIONS"] = {
        **database.get("OPTIONS", {}),
        "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=3),
        **({"options": server_options} if server_options else {}),
        # The client's own deadline: the server's timeout, plus time for its answer to arrive.
        "answer_timeout": statement_timeout + 2 if statement_timeout > 0 else None,
        "check_timeout": 2.0 if statement_timeout > 0 else None,
        "retry_seconds": env.float("DATABASE_RETRY_SECONDS", default=5.0),
    }
    return database


def media_storage(env, kind):
    """The storage of the image library's files: "local" (MEDIA_ROOT) or "s3" (django-storages)."""
    if kind == "s3":
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
                "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
                "region_name": env("AWS_S3_REGION_NAME", default=None),
                "access_key": env("AWS_ACCESS_KEY_ID", default=None),
                "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
                "location": env("AWS_LOCATION", default=""),
                "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default=None),
                # Private objects: readers get renditions through the gate, never from the bucket.
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be local or s3, not {kind!r}")


def mailers(env):
    """Django's mailers from EMAIL_HOST or EMAIL_BACKEND; none when neither is set."""
    host = env("EMAIL_HOST", default="")
    backend = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend" if host else "")
    configured = {"default": {"BACKEND": backend}} if backend else {}
    if backend.endswith("smtp.EmailBackend"):
        configured["default"]["OPTIONS"] = {
            "host": host or "localhost",
            "port": env.int("EMAIL_PORT", default=25),
            "username": env("EMAIL_HOST_USER", default=""),
            "password": env("EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("EMAIL_USE_TLS", default=False),
            "use_ssl": env.bool("EMAIL_USE_SSL", default=False),
            # Never wait for ever on a hanging server: the worker has other mail to send.
            "timeout": env.float("EMAIL_TIMEOUT", default=10.0),
        }
    return configured


def cache(env):
    """The default cache: Redis when REDIS_URL is set, else CACHE_URL (LocMem by default)."""
    if redis_url := env("REDIS_URL", default=""):
        # newsroom/cache.py: django-redis whose errors count as misses, with short socket timeouts
        # and a circuit breaker: after a failure Redis is skipped for REDIS_RETRY_SECONDS, logged
        # once (issue 11).
        return {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "newsroom",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_TIMEOUT", default=0.25),
                "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", default=0.25),
                "RETRY_SECONDS": env.float("REDIS_RETRY_SECONDS", default=5.0),
            },
        }
    # LocMem lives in one process: right for runserver and tests. Several processes (gunicorn's
    # workers) must share one cache, or an edit seen by one worker leaves the others serving the
    # old page: `make serve` sets CACHE_URL=filecache://... for its workers on one machine.
    cache = env.cache("CACHE_URL", default="locmemcache://newsroom")
    if cache["BACKEND"].endswith("FileBasedCache"):
        # Django's file cache lists every file on each write (newsroom/filecache.py): O(entries).
        cache["BACKEND"] = "newsroom.filecache.FileCache"
        # Past MAX_ENTRIES Django deletes a third of the files at random, tag versions included:
        # each page keeps two entries and each tag it shows two more, so a day's reading of a big
        # archive needs room (5,000 culled the newsroom-day benchmark's cache to 53 % hits).
        cache.setdefault("OPTIONS", {})["MAX_ENTRIES"] = env.int("CACHE_MAX_ENTRIES", default=200_000)
    return cache


def page_cache_purgers(env):
    """PAGE_CACHE_PURGERS (pagecache/purgers.py): the HTTP cache tiers a change is purged from.

    VARNISH_URLS: comma-separated Varnish addresses (deploy/varnish/newsroom.vcl), each sent PURGE
    with the tags (VARNISH_PURGE_TIMEOUT, 1 s). FASTLY_SERVICE_ID with FASTLY_API_TOKEN, and
    CLOUDFLARE_ZONE_ID with CLOUDFLARE_API_TOKEN, add those CDNs' purge APIs (PURGE_API_TIMEOUT, 5 s).
    PURGE_REPEAT_HARD_AFTER (6 s; 0 turns it off): when a hard purge is sent again.
    """
    purgers = []
    repeat = env.float("PURGE_REPEAT_HARD_AFTER", default=6.0)
    if urls := env.list("VARNISH_URLS", default=[]):
        timeout = env.float("VARNISH_PURGE_TIMEOUT", default=1.0)
        options = {"urls": urls, "timeout": timeout, "repeat_hard_after": repeat}
        purgers.append({"BACKEND": "pagecache.purgers.VarnishPurger", "OPTIONS": options})
    api_timeout = env.float("PURGE_API_TIMEOUT", default=5.0)
    for backend, id_name, id_option in (
        ("FastlyPurger", "FASTLY_SERVICE_ID", "service_id"),
        ("CloudflarePurger", "CLOUDFLARE_ZONE_ID", "zone_id"),
    ):
        token_name = id_name.split("_")[0] + "_API_TOKEN"
        identifier, token = env(id_name, default=""), env(token_name, default="")
        if bool(identifier) != bool(token):
            raise ImproperlyConfigured(f"Set both {id_name} and {token_name}, or neither")
        if identifier:
            options = {
                id_option: identifier,
                "api_token": token,
                "timeout": api_timeout,
                "repeat_hard_after": repeat,
            }
            purgers.append({"BACKEND": f"pagecache.purgers.{backend}", "OPTIONS": options})
    return purgers
