-- What the Charte benchmarks' wrk scripts share (see bench/README.md, "The load generator").
--
-- A script of this directory builds request number i (0, 1, 2, ... across the run) and calls
-- charte.run(build, prepare); this file defines wrk's callbacks around it:
--   setup   numbers the threads (0 .. threads-1);
--   init    reads the name=value arguments given after "--" (threads=N, limit=N and the script's own),
--           then calls prepare(args, thread, threads) in each thread, e.g. to read a file the Java side wrote;
--   request thread t sends the indices t, t+threads, t+2*threads, ...; with limit=N, no more than N requests in all:
--           a thread that has sent its share sends nothing more and stops once its last answer came;
--   response counts each answer's status (anything but 2xx is an error for the Java side);
--   done    prints one line "CHARTE-WRK {json}": requests, seconds, statuses, socket errors, the latency
--           distribution at a grid of percentiles (microseconds), the CPU time wrk used (/proc/self/stat), and how many
--           requests were sent without their answer read when wrk stopped (the server may still carry them out).
local charte = {}
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } charte_timespec;
  int clock_gettime(int clock, charte_timespec *t);
]]
local timespec = ffi.new("charte_timespec")

local function now_us() -- CLOCK_MONOTONIC, as wrk's own clock
  ffi.C.clock_gettime(1, timespec)
  return tonumber(timespec.tv_sec) * 1e6 + tonumber(timespec.tv_nsec) / 1e3
end

-- The percentiles printed (0 and 100 are the minimum and the maximum); the Java side rebuilds the
-- distribution from them (linear between two points), so 50, 90, 99 and 99.9 are exact.
local GRID = { 0, 0.1, 0.5 }
for p = 1, 99 do GRID[#GRID + 1] = p end
for _, p in ipairs({ 99.5, 99.9, 99.95, 99.99, 100 }) do GRID[#GRID + 1] = p end

function charte.args(list)
  local a = {}
  for _, arg in pairs(list) do -- wrk numbers them from 0 (the URL) on
    local name, value = tostring(arg):match("^([%w_%-]+)=(.*)$")
    if name then a[name] = value end
  end
  return a
end

-- The lines of a file, each kept when keep(n) (n from 0) says so, as a table indexed from 0; and their number.
function charte.lines(file, keep)
  local f = assert(io.open(file, "r"), "cannot read " .. tostring(file))
  local lines, n, kept = {}, 0, 0
  for line in f:lines() do
    if keep == nil or keep(n) then
      lines[n] = line
      kept = kept + 1
    end
    n = n + 1
  end
  f:close()
  return lines, n, kept
end

local function cpu_ms()
  local f = io.open("/proc/self/stat", "r")
  if not f then return -1 end
  local stat = f:read("*a")
  f:close()
  local after = stat:match("%) (.*)$") -- the fields after the command's name: state is the 1st, utime the 12th, stime the 13th
  if not after then return -1 end
  local fields = {}
  for field in after:gmatch("%S+") do fields[#fields + 1] = field end
  return ((tonumber(fields[12]) or 0) + (tonumber(fields[13]) or 0)) * 10 -- USER_HZ is 100 on Linux
end

function charte.run(build, prepare)
  local threads = {}

  function setup(thread)
    thread:set("thread_id", #threads)
    threads[#threads + 1] = thread
  end

  function init(list)
    local a = charte.args(list)
    thread_count = tonumber(a.threads) or 1
    local limit = tonumber(a.limit)
    if limit then
      quota = thread_id < limit and math.floor((limit - 1 - thread_id) / thread_count) + 1 or 0
    end
    next_index = thread_id
    sent, received = 0, 0
    verifying = thread_id == 0 -- wrk calls thread 0's request() once before the run, to check what it returns
    statuses = {}
    if prepare then prepare(a, thread_id, thread_count) end
  end

  function request()
    if verifying then
      verifying = false
      return build(next_index) -- not sent: neither the index nor the share is used
    end
    if quota and sent >= quota then
      return "" -- this thread's share is sent: this connection stays quiet
    end
    if sent == 0 then first_us = now_us() end
    local i = next_index
    next_index = i + thread_count
    sent = sent + 1
    return build(i)
  end

  function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    received = received + 1
    if quota and received == quota then
      last_us = now_us()
      wrk.thread:stop()
      -- wrk's main thread sleeps for the whole duration: the Java side, told that every thread is done, interrupts it (SIGINT)
      io.write("CHARTE-WRK-THREAD-DONE\n")
      io.flush()
    end
  end

  function done(summary, latency, requests)
    local all, answered, unanswered = {}, 0, 0
    local first, last, bounded = nil, nil, true
    for _, thread in ipairs(threads) do
      -- requests sent whose answer had not come when wrk stopped (at the end of -d): the server may still carry them out
      unanswered = unanswered + (thread:get("sent") or 0) - (thread:get("received") or 0)
      local f, l = thread:get("first_us"), thread:get("last_us")
      if f and (first == nil or f < first) then first = f end
      if l and (last == nil or l > last) then last = l end
      if thread:get("quota") == nil or (l == nil and (thread:get("quota") or 0) > 0) then bounded = false end
      for status, n in pairs(thread:get("statuses") or {}) do
        all[status] = (all[status] or 0) + n
        answered = answered + n
      end
    end
    local out = {}
    for status, n in pairs(all) do out[#out + 1] = string.format('"%d":%d', status, n) end
    local grid = {}
    if summary.requests > 0 then
      for _, p in ipairs(GRID) do
        local v = p == 0 and latency.min or (p == 100 and latency.max or latency:percentile(p))
        grid[#grid + 1] = string.format("[%s,%d]", tostring(p), v)
      end
    end
    -- with limit=N and every share answered: from the first request sent to the last answer, as the Java generator
    local seconds = (bounded and first and last) and (last - first) / 1e6 or summary.duration / 1e6
    local e = summary.errors
    io.write(string.format('CHARTE-WRK {"requests":%d,"answered":%d,"seconds":%.6f,"statuses":{%s},'
      .. '"socketErrors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"latencyUs":[%s],"latencyCount":%d,"cpuMs":%d,"unanswered":%d}\n',
      summary.requests, answered, seconds, table.concat(out, ","), e.connect, e.read, e.write, e.timeout,
      table.concat(grid, ","), summary.requests - e.timeout, cpu_ms(), unanswered))
  end
end

return charte
