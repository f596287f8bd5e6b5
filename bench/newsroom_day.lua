-- wrk script for the newsroom day (bench/newsroom_day.py): walks a URL list in order, wrapping,
-- each thread from its own offset, and counts responses by status and by cache header.
--   wrk -t2 -c4 -d60s -s bench/newsroom_day.lua http://127.0.0.1:8000 -- urls.txt
-- Without a list it requests wrk's own path (the floors). Prints one JSON line prefixed "RESULT ".
-- Cache headers: X-Page-Cache from the app (hit, stale: the previous page while one request renders
-- the new one, miss); X-Cache from Varnish (deploy/varnish/newsroom.vcl:
-- HIT, STALE for a grace copy while one fetch renews it, MISS, PASS), or, when a VCL sets no X-Cache,
-- Varnish's own X-Varnish (two transaction ids on a hit, one on a miss).
local paths = {}
local threads = {}
local thread_count = 0
local COUNTERS = {"s2xx", "s3xx", "s404", "s4xx", "s5xx", "app_hit", "app_stale", "app_miss", "app_none",
                  "edge_hit", "edge_stale", "edge_miss", "edge_none", "edge_miss_app_hit"}

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  threads[#threads + 1] = thread
end

function init(args)
  if args[1] then
    for line in io.lines(args[1]) do
      if line ~= "" then paths[#paths + 1] = line end
    end
  end
  -- Threads start at evenly spaced points of the list, so they do not request in lockstep.
  local threads_total = tonumber(args[2] or "1")
  index = math.floor(#paths * id / threads_total)
  for _, name in ipairs(COUNTERS) do _G[name] = 0 end
end

function request()
  if #paths == 0 then return wrk.format("GET", wrk.path) end
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

local function header(headers, name)
  return headers[name] or headers[name:lower()]
end

function response(status, headers, body)
  if status < 300 then s2xx = s2xx + 1
  elseif status < 400 then s3xx = s3xx + 1
  elseif status == 404 then s404 = s404 + 1
  elseif status < 500 then s4xx = s4xx + 1
  else s5xx = s5xx + 1 end

  local app = header(headers, "X-Page-Cache")
  if app == "hit" then app_hit = app_hit + 1
  elseif app == "stale" then app_stale = app_stale + 1
  elseif app == "miss" then app_miss = app_miss + 1
  else app_none = app_none + 1 end

  local edge, hit = header(headers, "X-Cache"), nil
  local xvarnish = header(headers, "X-Varnish")
  if edge then
    edge = edge:upper()
    hit = (edge:find("HIT") and "hit") or (edge:find("STALE") and "stale") or "miss"
  elseif xvarnish then
    hit = xvarnish:find(" ") and "hit" or "miss"
  end
  if hit == "hit" then edge_hit = edge_hit + 1
  elseif hit == "stale" then edge_stale = edge_stale + 1
  elseif hit == "miss" then
    edge_miss = edge_miss + 1
    if app == "hit" or app == "stale" then edge_miss_app_hit = edge_miss_app_hit + 1 end
  else edge_none = edge_none + 1 end
end

function done(summary, latency, requests)
  local totals = {}
  for _, name in ipairs(COUNTERS) do totals[name] = 0 end
  for _, thread in ipairs(threads) do
    for _, name in ipairs(COUNTERS) do totals[name] = totals[name] + (thread:get(name) or 0) end
  end
  local e = summary.errors
  local counts = {}
  for _, name in ipairs(COUNTERS) do counts[#counts + 1] = string.format('"%s": %d', name, totals[name]) end
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "socket_errors": %d, "non_2xx_3xx": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "bytes": %d, %s}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.bytes, table.concat(counts, ", ")))
end
