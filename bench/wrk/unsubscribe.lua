-- A one-click unsubscribe (RFC 8058; wrk, see bench/README.md): POST /u/{token} with List-Unsubscribe=One-Click.
--   tokens=FILE   one link's path (/u/...) a line, as the Java side minted them: each person's own token
--   from=N        request i clicks the link on line from + i (from 0); with limit=N, each link once
--   span=N        only the N links from line from on, clicked again and again in turn (idempotent; threads=1)
--   suffix=S      appended to each link's path (?long-way: past the one click's door, through Spring Security and MVC)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local charte = dofile(here .. "charte.lua")

local links, from, count, wrap, suffix
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local body = "List-Unsubscribe=One-Click"

charte.run(function(i)
  return wrk.format("POST", links[from + (wrap and i % count or i)] .. suffix, headers, body)
end, function(args, thread, threads)
  from = tonumber(args.from) or 0
  suffix = args.suffix or ""
  local limit = tonumber(args.limit)
  local span = tonumber(args.span)
  local n
  -- only this thread's links: from + thread, from + thread + threads, ...
  links, n = charte.lines(assert(args.tokens, "tokens= is required"), function(line)
    return line >= from and (line - from) % threads == thread and (limit == nil or line - from < limit)
      and (span == nil or line - from < span)
  end)
  -- without a limit, or with a span, the links are clicked again from the first (idempotent)
  count = span or limit or (n - from)
  wrap = span ~= nil or limit == nil
  assert(count > 0, "no link to click")
  assert((limit and not span) or threads == 1, "unsubscribe.lua without limit= or with span= needs threads=1")
end)
