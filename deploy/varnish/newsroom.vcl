# Varnish in front of nginx (issue 13): an HTTP cache tier shared by every app server, emptied by
# tag the moment an editor's change commits. Debian's `varnish` and `varnish-modules` (the xkey vmod).
#
# What it caches, and what it never does:
# - only what the app says a reader may share: `Cache-Control: public` with a lifetime (s-maxage,
#   else max-age), no Set-Cookie, and an `xkey` header naming what the page shows, so the app can
#   take it back; /static/ (content-hashed names that never change) is the one untagged exception.
#   Anything else, a 404 included, goes to the app every time: a 404 kept here would hide the
#   article an editor publishes a second later, and nothing could purge it.
# - never /admin/, previews, share links, or any request carrying the session cookie (`sessionid`,
#   Django's SESSION_COOKIE_NAME): those pass, cookies untouched, and are never stored.
# - a reader's other cookies (analytics, consent banners) are dropped from cacheable requests:
#   a public page does not depend on them, and keeping them would split the cache per reader
#   wherever the app answers `Vary: Cookie`. The CSRF cookie goes too: public pages hold no form
#   that posts, and every request that posts passes with its cookies as sent.
# - tracking parameters (utm_*, fbclid, gclid, ...) are removed and the rest sorted, so one page is
#   one object however it was linked; the app sees the clean address too.
#
# Purging: `PURGE` with `xkey-purge: <tags>` removes every object tagged with any of them;
# `xkey-softpurge: <tags>` expires them but lets readers have the old copy for GRACE while one
# fetch gets the new one (pagecache/purgers.py sends both). Only addresses in the `purgers` ACL
# may purge; anyone else gets 403. Unknown methods get 405.
#
# Tag headers (xkey, Surrogate-Key, Cache-Tag) are removed from what readers receive: they list
# the page's dependencies by primary key, are of no use to a browser and can run to kilobytes on
# a listing. With a CDN in front of this Varnish, keep the CDN's header (delete its unset below).
#
# `backend.vcl` defines `backend default` (nginx) and `acl purgers`; deploy/serve.py writes one
# into its run directory (VARNISH=1); deploy/varnish/backend.vcl is the example for a real server.
# X-Cache on every answer says HIT, STALE (grace), MISS or PASS, for tests and benchmarks.

vcl 4.1;

import std;
import xkey;

include "backend.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        call newsroom_purge;
    }
    if (req.method !~ "^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$") {
        return (synth(405, "Method not allowed"));
    }
    if (req.http.host) {
        set req.http.host = std.tolower(req.http.host);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, staff previews and share links are private whoever asks (articles/urls.py).
    if (req.url ~ "^/(admin|preview|share)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;)\s*sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    call newsroom_clean_url;
    return (hash);
}

sub newsroom_clean_url {
    # Parameters named like trackers, with or without a value, wherever they sit in the query.
    set req.url = regsuball(
        req.url,
        "(?i)(?<=[?&])(utm_[^=&]*|fbclid|gclid|gclsrc|dclid|yclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|twclid|ttclid)(=[^&]*)?(&|$)",
        "");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = std.querysort(req.url);
}

sub newsroom_purge {
    if (client.ip !~ purgers) {
        return (synth(403, "Forbidden"));
    }
    if (req.http.xkey-purge) {
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
    } elsif (req.http.xkey-softpurge) {
        set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
    } else {
        return (synth(400, "PURGE needs an xkey-purge or xkey-softpurge header"));
    }
    return (synth(200, "Purged " + req.http.x-purged));
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    # Behind a TLS proxy the app writes https:// into canonical links: keep the two apart.
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
    return (lookup);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.ttl <= 0s
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(?i)(^|[ ,])public([ ,]|$)"
        || beresp.http.Cache-Control ~ "(?i)private|no-store|no-cache"
        || !(beresp.http.xkey || bereq.url ~ "^/static/")) {
        # Hit-for-miss: not stored, and the next reader is not queued behind this fetch; a later
        # cacheable answer for the same address (say, once published) is stored as usual.
        set beresp.ttl = 10s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Grace, for soft purges: after one, readers get the old copy for up to this long while one
    # fetch brings the new one. An app that says `stale-while-revalidate=N` (RFC 5861) decides
    # for itself (Varnish reads it into beresp.grace); N=0 keeps a page exact to the second.
    if (beresp.http.Cache-Control !~ "(?i)stale-while-revalidate") {
        set beresp.grace = 5s;
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        if (obj.ttl <= 0s) {
            set resp.http.X-Cache = "STALE";
        } else {
            set resp.http.X-Cache = "HIT";
        }
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    return (deliver);
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason + {"
"};
    return (deliver);
}
