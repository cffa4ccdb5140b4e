-- consent.js's audience beacon (wrk, see bench/README.md): POST /consent/v1/beacon/script with the JSON body the
-- script sends, as BeaconBenchmark's Java generator: request i views /page/{i % 200}, comes from a search engine when
-- i % 4 == 0 (else from the previous page), with the consent id on line (i / 10) of the file when i % 10 == 0, and
-- the User-Agent on line i % 8 of the agents' file.
--   path=/consent/v1/beacon/script   where to post
--   site=URL                          the site
--   consents=FILE                     ids of consents accepting audience measurement, one a line (may be empty)
--   agents=FILE                       User-Agent headers, one a line
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local charte = dofile(here .. "charte.lua")

local path, site, consents, nconsents, agents, nagents
local headers = { ["Content-Type"] = "text/plain;charset=UTF-8" }

charte.run(function(i)
  local referrer = i % 4 == 0 and string.format("https://www.search%d.example/?q=%d", i % 7, i)
    or string.format("%s/page/%d", site, (i + 1) % 200)
  local consent = ""
  if i % 10 == 0 and nconsents > 0 then
    consent = string.format(',"consentId":"%s"', consents[math.floor(i / 10) % nconsents])
  end
  headers["User-Agent"] = agents[i % nagents]
  return wrk.format("POST", path, headers,
    string.format('{"site":"%s","page":"/page/%d","referrer":"%s"%s}', site, i % 200, referrer, consent))
end, function(args)
  path = args.path or "/consent/v1/beacon/script"
  site = assert(args.site, "site= is required")
  consents, nconsents = charte.lines((assert(args.consents, "consents= is required")))
  agents, nagents = charte.lines((assert(args.agents, "agents= is required")))
end)
