-- GET of one path (wrk, see bench/README.md): the baselines GET /actuator/health and the signed-in no-op.
--   path=/actuator/health     the path (with its query)
--   accept=application/json   an Accept header (optional)
--   cookies=FILE              one Cookie header a line (optional): request i carries line i modulo their number,
--                             as the Java generator gives request i the session i modulo the sessions
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local charte = dofile(here .. "charte.lua")

local path, headers, cookies, ncookies

charte.run(function(i)
  if ncookies then headers["Cookie"] = cookies[i % ncookies] end
  return wrk.format("GET", path, headers)
end, function(args)
  path = assert(args.path, "path= is required")
  headers = {}
  if args.accept then headers["Accept"] = args.accept end
  if args.cookies then cookies, ncookies = charte.lines(args.cookies) end
end)
