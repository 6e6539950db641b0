/* HLS player: hls.js where Media Source Extensions exist, native HLS (Safari/iOS) otherwise, MP4 as the
 * last resort. Adds speed and quality selection, resumes where the viewer stopped, and reports
 * playback heartbeats.
 *
 * Heartbeats: every 15 s of playback and on pause/seek/end, the player dispatches a
 * "media:heartbeat" event on the <video> with detail {video, start, end, position, duration,
 * rate, ended} — the interval [start, end] (seconds of the video) actually played since the last
 * heartbeat. With data-heartbeat-url it also POSTs that JSON there (CSRF header included): the
 * feature that embeds the video (e.g. a lesson) supplies the URL and applies its progress rules.
 * Other events on the <video> (all bubble): "media:ready" {video, element, hls} once the source is
 * attached. window.JianglianPlayer.get(uid) returns the <video> element of a video on the page, and
 * window.JianglianPlayer.init(root) sets up players inserted later (htmx:load does it automatically).
 * Resume: data-resume="<seconds>" (set by the page, e.g. the learner's last position) wins; otherwise
 * the position this browser last stopped at (localStorage).
 * Markup: media/templates/media/_player.html. */
(function () {
  "use strict";

  var HEARTBEAT_MS = 15000;
  var POSITION_KEY = "media:position:";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var headers = document.body.getAttribute("hx-headers");
    try { return headers ? JSON.parse(headers)["X-CSRFToken"] : ""; } catch (_e) { return ""; }
  }

  function savePosition(video) {
    try {
      var id = video.dataset.videoUid;
      if (video.duration && video.currentTime > 5 && video.currentTime < video.duration - 5) {
        window.localStorage.setItem(POSITION_KEY + id, String(Math.floor(video.currentTime)));
      } else if (video.ended) {
        window.localStorage.removeItem(POSITION_KEY + id);
      }
    } catch (_e) { /* private mode: no resume */ }
  }

  function storedPosition(video) {
    if (video.dataset.resume) { return parseFloat(video.dataset.resume) || 0; }
    try { return parseFloat(window.localStorage.getItem(POSITION_KEY + video.dataset.videoUid)) || 0; } catch (_e) { return 0; }
  }

  function heartbeats(video) {
    var start = null;
    var timer = null;

    function send(ended) {
      if (start === null) { return; }
      var end = video.currentTime;
      if (end > start) {
        var detail = {
          video: video.dataset.videoUid,
          start: Math.round(start * 1000) / 1000,
          end: Math.round(end * 1000) / 1000,
          position: Math.round(end * 1000) / 1000,
          duration: video.duration || null,
          rate: video.playbackRate,
          ended: Boolean(ended),
        };
        video.dispatchEvent(new CustomEvent("media:heartbeat", { detail: detail, bubbles: true }));
        if (video.dataset.heartbeatUrl) {
          fetch(video.dataset.heartbeatUrl, {
            method: "POST",
            credentials: "same-origin",
            keepalive: true,
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
            body: JSON.stringify(detail),
          }).catch(function () { /* the next heartbeat carries on */ });
        }
      }
      start = video.paused || ended ? null : end;
    }

    video.addEventListener("playing", function () {
      if (start === null) { start = video.currentTime; }
      if (!timer) { timer = window.setInterval(function () { send(false); savePosition(video); }, HEARTBEAT_MS); }
    });
    video.addEventListener("pause", function () { send(false); savePosition(video); });
    video.addEventListener("seeking", function () { send(false); start = null; });
    video.addEventListener("seeked", function () { if (!video.paused) { start = video.currentTime; } });
    video.addEventListener("ended", function () { send(true); savePosition(video); });
    window.addEventListener("pagehide", function () { send(false); savePosition(video); });
  }

  function controls(video, hls) {
    var speed = document.querySelector('[data-speed-for="' + video.id + '"]');
    if (speed) {
      speed.addEventListener("change", function () { video.playbackRate = parseFloat(speed.value) || 1; });
      video.addEventListener("ratechange", function () { speed.value = String(video.playbackRate); });
    }
    var quality = document.querySelector('[data-quality-for="' + video.id + '"]');
    if (!quality) { return; }
    if (!hls) { quality.closest("span").hidden = true; return; }
    hls.on(window.Hls.Events.MANIFEST_PARSED, function (_event, data) {
      data.levels
        .map(function (level, index) { return { level: level, index: index }; })
        .sort(function (a, b) { return a.level.height - b.level.height; })
        .forEach(function (item) {
          var option = document.createElement("option");
          option.value = String(item.index);
          option.textContent = Math.min(item.level.width, item.level.height) + "p";
          quality.appendChild(option);
        });
    });
    quality.addEventListener("change", function () { hls.currentLevel = parseInt(quality.value, 10); });
  }

  function init(video) {
    if (video.dataset.ready) { return; }
    video.dataset.ready = "1";
    var source = video.dataset.src;
    var hls = null;
    if (window.Hls && window.Hls.isSupported()) {
      hls = new window.Hls({ capLevelToPlayerSize: true });
      hls.loadSource(source);
      hls.attachMedia(video);
      hls.on(window.Hls.Events.ERROR, function (_event, data) {
        if (!data.fatal) { return; }
        if (data.type === window.Hls.ErrorTypes.NETWORK_ERROR) { hls.startLoad(); }
        else if (data.type === window.Hls.ErrorTypes.MEDIA_ERROR) { hls.recoverMediaError(); }
        else { hls.destroy(); video.src = video.dataset.mp4; }
      });
      video.hls = hls;
    } else if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = source;
    } else {
      video.src = video.dataset.mp4;
    }
    video.addEventListener("loadedmetadata", function () {
      var at = storedPosition(video);
      if (at > 0 && (!video.duration || at < video.duration - 5)) { video.currentTime = at; }
    }, { once: true });
    controls(video, hls);
    heartbeats(video);
    video.dispatchEvent(new CustomEvent("media:ready", {
      detail: { video: video.dataset.videoUid, element: video, hls: hls }, bubbles: true,
    }));
  }

  function initAll(root) {
    (root || document).querySelectorAll("video[data-hls-player]").forEach(init);
  }

  window.JianglianPlayer = {
    get: function (uid) { return document.querySelector('video[data-hls-player][data-video-uid="' + uid + '"]'); },
    init: initAll,
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initAll(); });
  } else {
    initAll();
  }
  document.addEventListener("htmx:load", function (event) { initAll(event.target); });
})();
