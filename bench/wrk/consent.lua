-- A proof of a cookie choice (wrk, see bench/README.md): POST /consent/v1/records with the JSON body consent.js posts,
-- a new consent id each time; also the benchmark's no-ops, which get the same body.
--   path=/consent/v1/records   where to post
--   version=HEX                the banner version in force (as consent.js names it)
--   agent=TEXT                 the User-Agent header
--   ids=xxxx-4xxx-8xxx         the middle of every consent id of this run (random, given by the Java side); each id is
--                              32 random bits, that middle, and the request's number: new each time, spread like
--                              random ids. Request i answers in English when i % 3 == 0, accepts audience measurement
--                              when i is even, social sharing when i % 5 == 0 (as the Java generator).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local charte = dofile(here .. "charte.lua")

local path, version, ids
local headers = { ["Content-Type"] = "application/json" }

charte.run(function(i)
  local body = string.format('{"consentId":"%08x-%s-%012x","bannerVersion":"%s","method":"banner",'
    .. '"site":"https://www.gestan-demo.example","language":"%s","choices":{"audience":%s,"social-sharing":%s}}',
    math.random(0, 4294967295), ids, i, version, i % 3 == 0 and "en" or "fr", tostring(i % 2 == 0), tostring(i % 5 == 0))
  return wrk.format("POST", path, headers, body)
end, function(args, thread)
  path = args.path or "/consent/v1/records"
  version = assert(args.version, "version= is required")
  ids = assert(args.ids, "ids= is required")
  assert(ids:match("^%x%x%x%x%-%x%x%x%x%-%x%x%x%x$"), "ids= must be like xxxx-4xxx-8xxx")
  if args.agent then headers["User-Agent"] = args.agent end
  math.randomseed((tonumber(args.seed) or os.time()) + 7919 * thread)
end)
