/* Live progress in the Wagtail admin: polls the progress JSON every 2 s for the unfinished videos on the
 * page ([data-media-progress] holds its URL) and updates their tag, stage and bar in place. A detail page
 * ([data-reload-when-finished]) reloads once its video is finished, to show the result and the actions. */
(function () {
  "use strict";
  var INTERVAL_MS = 2000;

  function update(box, state) {
    box.querySelector("[data-status]").textContent = state.status_display;
    box.querySelector("[data-status]").className = "media-tag status-" + state.status;
    box.querySelector("[data-stage]").textContent = state.stage_display;
    var bar = box.querySelector("progress");
    var label = box.querySelector("[data-percent]");
    if (state.finished) {
      if (bar) { bar.remove(); }
      if (label) { label.remove(); }
    } else {
      if (!bar) {
        bar = document.createElement("progress");
        bar.max = 100;
        box.appendChild(bar);
        label = document.createElement("span");
        label.setAttribute("data-percent", "");
        box.appendChild(label);
      }
      bar.value = state.percent;
      label.textContent = state.percent + "%";
    }
    box.dataset.finished = state.finished ? "1" : "0";
  }

  function poll(root) {
    var boxes = Array.prototype.slice.call(root.querySelectorAll('.media-progress[data-finished="0"]'));
    if (!boxes.length) { return; }
    var params = new URLSearchParams();
    boxes.forEach(function (box) { params.append("uid", box.dataset.videoUid); });
    fetch(root.dataset.mediaProgress + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (states) {
        var finishedNow = false;
        boxes.forEach(function (box) {
          var state = states[box.dataset.videoUid];
          if (state) { update(box, state); finishedNow = finishedNow || state.finished; }
        });
        if (finishedNow && root.dataset.reloadWhenFinished) { window.location.reload(); return; }
        window.setTimeout(function () { poll(root); }, INTERVAL_MS);
      })
      .catch(function () { window.setTimeout(function () { poll(root); }, INTERVAL_MS * 3); });
  }

  function start() {
    document.querySelectorAll("[data-media-progress]").forEach(function (root) {
      window.setTimeout(function () { poll(root); }, INTERVAL_MS);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
