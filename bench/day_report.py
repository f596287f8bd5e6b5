"""The newsroom day's tables: every figure next to the bare floor measured just before it.

Hit ratio is cache hits over all responses: X-Page-Cache for the app alone (hit, or stale: the
previous page served while one request renders the new one, its share in brackets); through Varnish, the
share Varnish answered itself (HIT, or STALE: a grace copy while one fetch renews it), and (in
brackets) the share answered from either cache. Errors are
socket errors, timeouts and statuses of 400 and above except 404: a 404 is what a reader of the
unpublished article gets once it is gone, counted apart.
"""

FLOOR_OF = {"project_floor": "floor_1", "app": "floor_1", "varnish": "floor_2", "uncached": "floor_3"}
NAMES = {
    "floor_1": "bare floor",
    "project_floor": "floor through the project's middleware",
    "app": "newsroom day, app alone (wrk at gunicorn)",
    "floor_2": "bare floor",
    "varnish": "newsroom day, through Varnish",
    "floor_3": "bare floor",
    "uncached": "uncached article page (random article)",
}


def hits(row, phase):
    responses = row["requests"] or 1
    if phase == "varnish":
        edge = (row["edge_hit"] + row["edge_stale"]) / responses
        either = edge + row["edge_miss_app_hit"] / responses
        return f"{edge:.1%} ({either:.1%})"
    if phase in ("app", "uncached"):
        return f"{app_hits(row):.1%} ({row.get('app_stale', 0) / responses:.1%})"
    return "–"


def app_hits(row):
    """The app's answers from its cache: fresh hits and stale-while-revalidate copies."""
    return (row["app_hit"] + row.get("app_stale", 0)) / (row["requests"] or 1)


def stale(row):
    writer = row.get("writer")
    if not writer:
        return "–"
    if "stale_immediately" not in writer:
        return "not checked"
    return f"{len(writer['stale_immediately'])} / {len(writer['stale_after_1s'])}"


def by_tier(writer, key):
    """Stale URLs grouped by the tier that served them: 'none', or 'http://host:port: /, /feeds/rss/'."""
    tiers = {}
    for url in writer.get(key, []):
        scheme, _, rest = url.partition("://")
        host, _, path = rest.partition("/")
        tiers.setdefault(f"{scheme}://{host}", []).append("/" + path)
    return "; ".join(f"{base}: {', '.join(paths)}" for base, paths in tiers.items()) or "none"


def warmed(phases):
    """How each tier's cache was warmed: every distinct URL asked once, unless the time ran out."""
    done = [
        f"{label} {w['asked']:,} of {w['distinct']:,} in {w['seconds']:.0f} s"
        for p, label in (("app", "app alone:"), ("varnish", "Varnish:"))
        if (w := phases.get(p, {}).get("warm"))
    ]
    return "a warm-up asking each distinct URL once (" + "; ".join(done) + ")" if done else "a short warm-up"


def markdown(results):
    phases = results["phases"]
    options = results["options"]
    traffic = results["traffic"]
    lines = [
        f"Newsroom day, {results['started']}: {results['public_articles']:,} public articles, "
        f"gunicorn {options['workers']} sync workers, page cache in {options['cache']}, "
        f"wrk -t{options['threads']} -c{options['connections']}, {options['duration']} s per tier after "
        f"{warmed(phases)}; readers: {traffic['requests']:,} URLs, {traffic['distinct']:,} "
        f"distinct (Zipf {traffic['zipf_exponent']}); writer: a draft save every {options['draft_every']} s, "
        f"a publication every {options['publish_every']:g} s, one unpublish ({results['target']}). "
        f"Pages of {results['article_page_bytes']:,} bytes (the floor's size). "
        + (
            "No Varnish tier."
            if options["skip_varnish"]
            else f"Varnish: {options['vcl']}, -s {options['varnish_storage']}."
        ),
        "",
        "| run | req/s | × floor | cache hits | p50 ms | × floor | p99 ms | × floor | errors | 404 | "
        "stale now / at 1 s | load |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for phase, row in phases.items():
        base = phases.get(FLOOR_OF.get(phase, phase), row)
        lines.append(
            f"| {NAMES[phase]} | {row['rps']:.0f} | {row['rps'] / base['rps']:.2f} | {hits(row, phase)} | "
            f"{row['p50_us'] / 1000:.1f} | {row['p50_us'] / base['p50_us']:.2f} | "
            f"{row['p99_us'] / 1000:.1f} | {row['p99_us'] / base['p99_us']:.2f} | {row['errors']} | "
            f"{row['s404']} | {stale(row)} | {row['load'][0]:.1f}–{row['load'][1]:.1f} |"
        )
    for phase in ("app", "varnish"):
        if writer := phases.get(phase, {}).get("writer"):
            publish_ms = ", ".join(f"{ms} ms" for ms in writer["publish_ms"]) or "–"
            lines += [
                "",
                f"Writer during {NAMES[phase]}: {writer['draft_saves']} draft saves "
                f"({writer['draft_saves_per_s']}/s, p50 {writer['draft_save_ms_p50']} ms), "
                f"{writer['publications']} publications ({publish_ms}), "
                f"unpublish {writer.get('unpublish_ms', '–')} ms at {writer.get('unpublished_at_s', '–')} s; "
                f"stale right after: {by_tier(writer, 'stale_immediately')}; a second later: "
                f"{by_tier(writer, 'stale_after_1s')} ({len(writer['checked'])} URLs checked).",
            ]
    lines += ["", *goals(phases)]
    return "\n".join(lines)


def goals(phases):
    def ratio(phase):
        return phases[phase]["rps"] / phases[FLOOR_OF[phase]]["rps"] if phase in phases else None

    app = phases["app"]
    rows = [
        ("app alone >= 0.5x the bare floor", ratio("app"), lambda r: r >= 0.5, "{:.2f}x"),
        (
            "app alone >= 98 % hits (stale-while-revalidate copies included)",
            app_hits(app),
            lambda r: r >= 0.98,
            "{:.1%}",
        ),
        ("app alone p99 <= 20 ms", app["p99_us"] / 1000, lambda r: r <= 20, "{:.1f} ms"),
        ("through Varnish >= 2x the bare floor", ratio("varnish"), lambda r: r >= 2, "{:.2f}x"),
        ("uncached article page >= 0.1x the bare floor", ratio("uncached"), lambda r: r >= 0.1, "{:.3f}x"),
        (
            "zero stale pages after an unpublish",
            sum(
                len(phases[p]["writer"].get("stale_immediately", [None]))
                for p in ("app", "varnish")
                if p in phases
            ),
            lambda r: r == 0,
            "{} stale",
        ),
        ("zero errors", sum(row["errors"] for row in phases.values()), lambda r: r == 0, "{}"),
    ]
    lines = ["| goal | measured | |", "| --- | ---: | --- |"]
    for goal, value, met, form in rows:
        if value is None:
            lines.append(f"| {goal} | not run | |")
        else:
            lines.append(f"| {goal} | {form.format(value)} | {'met' if met(value) else '**not met**'} |")
    return lines
