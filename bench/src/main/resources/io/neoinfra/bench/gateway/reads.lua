-- Status and execution reads, alternating, with a real bearer token. TOKEN and IDS are prepended by the runner.
local i = 0
request = function()
  i = i + 1
  local path
  if i % 2 == 0 then
    path = "/api/v1/migrations/status"
  else
    path = "/api/v1/migrations/executions/" .. IDS[(i % #IDS) + 1]
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. TOKEN })
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), summary.errors.status, errors))
end
