-- Reading a person (wrk, see bench/README.md): GET /api/v1/subjects/{id}?purpose=customer-service by a signed-in
-- member of staff, as LoadBenchmark's Java generator sends it.
--   people=FILE    one person's id a line: request i reads the person (i * 7919) modulo their number
--   cookies=FILE   one session's Cookie header a line: request i is signed in as session i modulo their number
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local charte = dofile(here .. "charte.lua")

local people, npeople, cookies, ncookies
local headers = { ["Accept"] = "application/json" }

charte.run(function(i)
  headers["Cookie"] = cookies[i % ncookies]
  return wrk.format("GET", "/api/v1/subjects/" .. people[(i * 7919) % npeople] .. "?purpose=customer-service", headers)
end, function(args)
  people, npeople = charte.lines((assert(args.people, "people= is required")))
  cookies, ncookies = charte.lines((assert(args.cookies, "cookies= is required")))
end)
