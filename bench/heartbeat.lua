-- wrk script of bench/heartbeat.py: POSTs playback heartbeats as a phone would send them.
--
--   wrk -t2 -c32 -d10s -s bench/heartbeat.lua http://127.0.0.1:PORT/PATH -- TOKENS_FILE LESSON START_EPOCH THREADS
--
-- TOKENS_FILE holds one API token per line. Each wrk thread takes every n-th token and sends the learners'
-- heartbeats round-robin, so the requests in flight belong to different learners (as many phones would).
-- Every heartbeat has a fresh UUID, its learner's clock advanced by 10 s and the next 10 s of the video
-- played at 1× — each one earns 10 s of study time. The same bodies go to the bare view (which ignores them).
-- done() prints one JSON line with the figures (latencies in microseconds), read by bench/heartbeat.py.

local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end

local learners = {}
local turn = 0
local lesson, start_epoch
local DURATION = 7200

local function uuid4()
  local hex = "0123456789abcdef"
  local out = {}
  for i = 1, 32 do
    local k = math.random(1, 16)
    out[i] = hex:sub(k, k)
  end
  local s = table.concat(out)
  return s:sub(1, 8) .. "-" .. s:sub(9, 12) .. "-4" .. s:sub(14, 16) .. "-a" .. s:sub(18, 20) .. "-" .. s:sub(21, 32)
end

function init(args)
  local tokens_file, lesson_arg, start_arg, threads_arg = args[1], args[2], args[3], args[4]
  if not (tokens_file and lesson_arg and start_arg and threads_arg) then
    error("usage: wrk ... -s heartbeat.lua URL -- TOKENS_FILE LESSON START_EPOCH THREADS")
  end
  lesson = tonumber(lesson_arg)
  start_epoch = tonumber(start_arg)
  local count = tonumber(threads_arg)
  math.randomseed(os.time() * 1000 + index * 7919)
  local i = 0
  for line in io.lines(tokens_file) do
    if line ~= "" then
      if i % count == index then
        table.insert(learners, { token = line, beats = 0 })
      end
      i = i + 1
    end
  end
  if #learners == 0 then
    error("no tokens for thread " .. index)
  end
end

function request()
  turn = turn % #learners + 1
  local learner = learners[turn]
  learner.beats = learner.beats + 1
  local sent = start_epoch + 10 * learner.beats
  local media = (10 * (learner.beats - 1)) % (DURATION - 10)
  local body = string.format(
    '{"id":"%s","lesson":%d,"sent_at":"%s","intervals":[[%.1f,%.1f]],"position":%.1f,'
      .. '"rate":1.0,"visibility":"visible","device":"wrk"}',
    uuid4(), lesson, os.date("!%Y-%m-%dT%H:%M:%S+00:00", sent), media, media + 10, media + 10
  )
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
    ["Authorization"] = "Token " .. learner.token,
  }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,'
      .. '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean
  ))
end
