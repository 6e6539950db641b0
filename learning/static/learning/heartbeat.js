// Playback heartbeats for a video lesson.
//
// Every ~10 s (and on pause, end, leaving the page or hiding the tab) the newly played media intervals —
// the delta of the <video>'s `played` TimeRanges since the last heartbeat — are sent with the playhead,
// playbackRate and document.visibilityState. The server decides what counts (union of intervals, wall
// clock, 2× cap, hidden tabs); this module only reports honestly. Offline, heartbeats queue in
// localStorage and are flushed to the batch endpoint when the device reconnects.
import { errorText, postJSON, setStatus } from "./common.js";

const INTERVAL_MS = 10000;
const QUEUE_KEY = "jianglian.learning.queue";
const DEVICE_KEY = "jianglian.learning.device";
const BATCH_SIZE = 200;

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function deviceId() {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = uuid();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

function loadQueue() {
  try {
    return JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
  } catch {
    return [];
  }
}

function saveQueue(queue) {
  localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
}

export function rangesOf(timeRanges) {
  const out = [];
  for (let i = 0; i < timeRanges.length; i += 1) out.push([timeRanges.start(i), timeRanges.end(i)]);
  return out;
}

// Parts of `current` (sorted, disjoint) not covered by `previous` (sorted, disjoint).
export function rangesDelta(current, previous) {
  const delta = [];
  for (const [start, end] of current) {
    let cursor = start;
    for (const [ps, pe] of previous) {
      if (pe <= cursor || ps >= end) continue;
      if (ps > cursor) delta.push([cursor, ps]);
      cursor = Math.max(cursor, pe);
      if (cursor >= end) break;
    }
    if (cursor < end) delta.push([cursor, end]);
  }
  return delta.filter(([a, b]) => b - a >= 0.05).map(([a, b]) => [Math.round(a * 1000) / 1000, Math.round(b * 1000) / 1000]);
}

class Tracker {
  constructor(container, video) {
    this.container = container;
    this.video = video;
    this.lesson = Number(container.dataset.lesson);
    this.url = container.dataset.heartbeatUrl;
    this.batchUrl = container.dataset.batchUrl;
    this.device = deviceId();
    this.previous = [];
    this.lastPosition = -1;
    this.flushing = false;
  }

  start() {
    // the media player seeks to data-resume itself; older players without it get the seek from here
    const resume = this.video.dataset.resume ? 0 : Number(this.container.dataset.position || 0);
    const seek = () => {
      if (resume > 0 && this.video.duration && resume < this.video.duration - 5) this.video.currentTime = resume;
    };
    if (this.video.readyState >= 1) seek();
    else this.video.addEventListener("loadedmetadata", seek, { once: true });
    this.timer = setInterval(() => this.tick(), INTERVAL_MS);
    this.video.addEventListener("pause", () => this.tick());
    this.video.addEventListener("ended", () => this.tick());
    document.addEventListener("visibilitychange", () => {
      // what was played up to now was played while visible; afterwards heartbeats say "hidden"
      if (document.visibilityState === "hidden") this.tick("visible", true);
    });
    window.addEventListener("pagehide", () => this.tick(undefined, true));
    window.addEventListener("online", () => this.flush());
    this.flush();
  }

  tick(visibility, keepalive = false) {
    const current = rangesOf(this.video.played);
    const intervals = rangesDelta(current, this.previous);
    this.previous = current;
    const position = this.video.currentTime || 0;
    if (!intervals.length && Math.abs(position - this.lastPosition) < 0.5) return;
    this.lastPosition = position;
    const beat = {
      id: uuid(),
      lesson: this.lesson,
      sent_at: new Date().toISOString(),
      intervals,
      position,
      rate: this.video.playbackRate || 1,
      visibility: visibility || document.visibilityState,
      device: this.device,
    };
    this.send(beat, keepalive);
  }

  async send(beat, keepalive) {
    if (!navigator.onLine) {
      this.enqueue(beat);
      return;
    }
    let response;
    try {
      response = await postJSON(this.url, beat, { keepalive });
    } catch {
      this.enqueue(beat);
      return;
    }
    if (response.ok) {
      this.show(await response.json());
      this.flush();
    } else if (response.status >= 500 || response.status === 429) {
      this.enqueue(beat);
    } else {
      setStatus(await errorText(response));
    }
  }

  enqueue(beat) {
    const queue = loadQueue();
    queue.push(beat);
    saveQueue(queue.slice(-5000));
    setStatus(this.container.dataset.offlineText);
  }

  async flush() {
    if (this.flushing || !navigator.onLine) return;
    this.flushing = true;
    try {
      let queue = loadQueue();
      while (queue.length) {
        const chunk = queue.slice(0, BATCH_SIZE);
        let response;
        try {
          response = await postJSON(this.batchUrl, { heartbeats: chunk });
        } catch {
          return;
        }
        if (response.status >= 500) return;
        // accepted, or refused for good (e.g. no longer enrolled): either way this chunk is done
        queue = loadQueue().filter((b) => !chunk.some((c) => c.id === b.id));
        saveQueue(queue);
        if (response.ok) {
          const data = await response.json();
          const mine = data.lessons.find((l) => l.lesson === this.lesson);
          if (mine) this.show(mine);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  show(data) {
    this.container.dataset.playedPercent = String(data.played_percent);
    if (data.completed) setStatus(this.container.dataset.doneText);
    else setStatus((this.container.dataset.progressText || "%s%").replace("%s", data.played_percent));
  }
}

function init() {
  for (const container of document.querySelectorAll("[data-learning-video]")) {
    const video = container.querySelector("video");
    if (!video || container.dataset.tracking) continue;
    container.dataset.tracking = "1";
    const tracker = new Tracker(container, video);
    container.learningTracker = tracker;
    tracker.start();
  }
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}
