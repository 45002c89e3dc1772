-- Counts the answers by HTTP status and prints what wrk measured as one
-- line of JSON, prefixed "BENCHMARK ", for benchmarks/load.py to read.
-- Loaded by every script the benchmarks give wrk (wrk -s ...).

threads = {}
statuses = {}

function setup(thread)
   table.insert(threads, thread)
   -- Writers are numbered from BENCHMARK_FIRST_WRITER (1): two wrk runs
   -- against two instances write as different writers.
   thread:set("writer", (tonumber(os.getenv("BENCHMARK_FIRST_WRITER")) or 1) + #threads - 1)
end

function count(status)
   statuses[status] = (statuses[status] or 0) + 1
end

function response(status, headers, body)
   count(status)
end

-- A JSON text for numbers, strings and tables of them (keys as strings).
function json(value)
   local kind = type(value)
   if kind == "table" then
      if #value > 0 or next(value) == nil then
         local items = {}
         for _, item in ipairs(value) do
            table.insert(items, json(item))
         end
         return "[" .. table.concat(items, ",") .. "]"
      end
      local members = {}
      for key, item in pairs(value) do
         table.insert(members, json(tostring(key)) .. ":" .. json(item))
      end
      return "{" .. table.concat(members, ",") .. "}"
   elseif kind == "string" then
      return '"' .. value:gsub('[%c"\\]', function(c)
         return string.format("\\u%04x", c:byte())
      end) .. '"'
   end
   return tostring(value)
end

-- Tables of every thread, merged: lists appended, maps and counts added up.
function merged(name)
   local all = {}
   for _, thread in ipairs(threads) do
      for key, value in pairs(thread:get(name) or {}) do
         if type(key) == "number" and type(value) ~= "number" then
            table.insert(all, value)
         elseif type(value) == "number" and type(key) == "number" then
            all[key] = (all[key] or 0) + value
         else
            all[key] = value
         end
      end
   end
   return all
end

function report(summary, latency, extra)
   local result = {
      requests = summary.requests,
      duration_us = summary.duration,
      errors = summary.errors,
      statuses = merged("statuses"),
      latency_us = {
         mean = latency.mean,
         max = latency.max,
         p50 = latency:percentile(50),
         p90 = latency:percentile(90),
         p99 = latency:percentile(99),
      },
   }
   for key, value in pairs(extra or {}) do
      result[key] = value
   end
   io.write("BENCHMARK " .. json(result) .. "\n")
end

function done(summary, latency, requests)
   report(summary, latency)
end
