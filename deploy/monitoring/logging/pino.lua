-- Normalizes a merged pino record: numeric level -> name, epoch-ms time -> @timestamp (ISO 8601
-- UTC), and `service` from the pod's app.kubernetes.io/name label when the line lacks one.
local levels = { [10] = "trace", [20] = "debug", [30] = "info", [40] = "warn", [50] = "error", [60] = "fatal" }

function normalize_pino(tag, timestamp, record)
  local level = tonumber(record["level"])
  if level ~= nil and levels[level] ~= nil then
    record["level"] = levels[level]
  end
  local new_timestamp = timestamp
  local time_ms = tonumber(record["time"])
  if time_ms ~= nil then
    new_timestamp = time_ms / 1000
    record["time"] = nil
  end
  record["@timestamp"] = os.date("!%Y-%m-%dT%H:%M:%S", math.floor(new_timestamp)) ..
    string.format(".%03dZ", math.floor((new_timestamp % 1) * 1000))
  local k8s = record["kubernetes"]
  if record["service"] == nil and k8s ~= nil and k8s["labels"] ~= nil then
    record["service"] = k8s["labels"]["app.kubernetes.io/name"]
  end
  return 1, new_timestamp, record
end
