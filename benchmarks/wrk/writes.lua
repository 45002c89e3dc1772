-- Concurrent writers: run with as many threads as connections (wrk -t8 -c8),
-- so that each wrk thread is one writer on one keep-alive connection and each
-- answer belongs to the request sent just before it.
--
-- Each writer creates items in BENCHMARK_CONTAINER (POST, the JSON of
-- BENCHMARK_BODY with "{id}" replaced by a new id) and, every
-- BENCHMARK_EDIT_EVERY-th request, edits one of the items it created (PATCH
-- of its description). What the server acknowledged (201, 204) is recorded
-- and reported, so that benchmarks/bench.py can check it is all there; so
-- is an edit still unanswered when the time is up (the server may have
-- applied it: the item may then show it instead of the last acknowledged).

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local container = os.getenv("BENCHMARK_CONTAINER")
local body = os.getenv("BENCHMARK_BODY")
local edit_every = tonumber(os.getenv("BENCHMARK_EDIT_EVERY") or "3")
local headers = {
   ["Accept"] = "application/json",
   ["Content-Type"] = "application/json",
   ["Authorization"] = os.getenv("BENCHMARK_AUTHORIZATION"),
}

created = {}  -- ids the server acknowledged creating
edited = {}   -- id = the description of the last acknowledged edit
local sent = 0
pending = nil  -- the request sent and not answered yet

function init(args)
   math.randomseed(writer)  -- the same ids in every run, for both sides
end

function request()
   sent = sent + 1
   if #created > 0 and sent % edit_every == 0 then
      local id = created[(sent % #created) + 1]
      local description = string.format("Edit %d of writer %d", sent, writer)
      pending = {edit = id, description = description}
      return wrk.format("PATCH", container .. "/" .. id, headers,
                        json({description = description}))
   end
   -- Ids start with a random part, as ids made from real titles are spread
   -- over the alphabet: ids that all sort together would make every writer
   -- insert into the same bucket of each BTree keyed by id, path or title
   -- (the folder's, the catalog's), a contention real editors do not cause.
   local id = string.format("%06x-w%d-%d", math.random(0, 0xffffff), writer, sent)
   pending = {create = id}
   return wrk.format("POST", container, headers, (body:gsub("{id}", id)))
end

function response(status, headers, body)
   count(status)
   if pending.create and status == 201 then
      table.insert(created, pending.create)
   elseif pending.edit and status == 204 then
      edited[pending.edit] = pending.description
   end
   pending = nil
end

-- An edit still unanswered when the time was up may have been applied.
function unanswered_edits()
   local edits = {}
   for _, thread in ipairs(threads) do
      local request = thread:get("pending")
      if request and request.edit then
         edits[request.edit] = request.description
      end
   end
   return edits
end

function done(summary, latency, requests)
   report(summary, latency, {
      created = merged("created"),
      edited = merged("edited"),
      unanswered = unanswered_edits(),
   })
end
