# Where newsroom.vcl sends misses, and who may purge: an example for a real server. deploy/serve.py
# (VARNISH=1) writes its own into its run directory, which comes first in Varnish's vcl_path.
# Copy both files to /etc/varnish and set these two by hand.

backend default {
    # nginx (deploy/nginx/newsroom.conf), on a unix socket or on a loopback port.
    .host = "127.0.0.1";
    .port = "8080";
    .first_byte_timeout = 40s;
}

# The app servers: every gunicorn host whose PAGE_CACHE_PURGERS (VARNISH_URLS) names this Varnish.
acl purgers {
    "127.0.0.1";
    "::1";
}
