/* Resumable video upload with tus-js-client: progress bar, pause/continue, resume after a dropped
 * connection or a page reload (tus-js-client remembers the upload URL per file in localStorage).
 * Markup: media/templates/media/_uploader.html. Strings come translated from the page. */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) { return key in values ? values[key] : ""; });
  }

  function size(bytes) {
    var units = ["B", "KB", "MB", "GB"];
    var i = 0;
    while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i += 1; }
    return (i === 0 ? bytes : bytes.toFixed(1)) + " " + units[i];
  }

  function serverReason(error, fallback) {
    var response = error && error.originalResponse;
    if (response) {
      try {
        var body = JSON.parse(response.getBody() || "{}");
        if (body.detail) { return body.detail; }
      } catch (_e) { /* not JSON */ }
    }
    return fallback;
  }

  function init(form) {
    if (form.dataset.ready) { return; }
    form.dataset.ready = "1";
    var strings = JSON.parse(document.getElementById("video-uploader-strings").textContent);
    var fileInput = form.querySelector("input[type=file]");
    var titleInput = form.querySelector("input[name=title]");
    var startButton = form.querySelector("[data-start]");
    var pauseButton = form.querySelector("[data-pause]");
    var resumeButton = form.querySelector("[data-resume]");
    var bar = form.querySelector("[data-progress]");
    var block = form.querySelector("[data-progress-block]");
    var text = form.querySelector("[data-progress-text]");
    var errorBox = form.querySelector("[data-error]");
    var maxBytes = parseInt(form.dataset.maxBytes, 10);
    var upload = null;
    var videoId = null;
    var resuming = false;

    function showError(message) {
      errorBox.textContent = message;
      errorBox.hidden = !message;
    }

    function setRunning(running) {
      startButton.disabled = true;
      fileInput.disabled = true;
      pauseButton.hidden = !running;
      resumeButton.hidden = running;
    }

    function progress(loaded, total) {
      var percent = total ? Math.floor((loaded / total) * 100) : 0;
      bar.value = percent;
      text.textContent = format(strings.progress, { percent: percent, loaded: size(loaded), total: size(total) });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      showError("");
      var file = fileInput.files && fileInput.files[0];
      if (!file) { showError(strings.chooseFile); fileInput.focus(); return; }
      if (file.size > maxBytes) {
        showError(format(strings.tooLarge, { size: size(file.size), max: size(maxBytes) }));
        return;
      }
      upload = new window.tus.Upload(file, {
        endpoint: form.dataset.endpoint,
        chunkSize: parseInt(form.dataset.chunkBytes, 10),
        retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000],
        removeFingerprintOnSuccess: true,
        metadata: { filename: file.name, filetype: file.type || "", title: titleInput.value.trim() },
        headers: { "X-CSRFToken": form.dataset.csrf },
        onAfterResponse: function (req, res) {
          var id = res.getHeader("X-Video-Id");
          if (id) { videoId = id; }
          if (resuming && req.getMethod() === "HEAD") {  // where the server is: continue from there
            resuming = false;
            var offset = parseInt(res.getHeader("Upload-Offset"), 10) || 0;
            var percent = file.size ? Math.floor((offset / file.size) * 100) : 0;
            bar.value = percent;
            text.textContent = format(strings.resuming, { percent: percent });
          }
        },
        onProgress: progress,
        onError: function (error) {
          setRunning(false);
          showError(format(strings.failed, { reason: serverReason(error, strings.unknownError) }));
        },
        onSuccess: function () {
          pauseButton.hidden = true;
          resumeButton.hidden = true;
          bar.value = 100;
          text.textContent = strings.done;
          if (videoId) {
            window.location.assign(form.dataset.detailUrl.replace("00000000-0000-0000-0000-000000000000", videoId));
          }
        },
      });
      block.hidden = false;
      setRunning(true);
      upload.findPreviousUploads().then(function (previous) {
        if (previous.length) {
          upload.resumeFromPreviousUpload(previous[0]);
          resuming = true;  // the percent is shown once the server has told its offset (HEAD)
        }
        upload.start();
      });
    });

    pauseButton.addEventListener("click", function () {
      if (!upload) { return; }
      upload.abort();
      setRunning(false);
      text.textContent = strings.paused;
      resumeButton.focus();
    });

    resumeButton.addEventListener("click", function () {
      if (!upload) { return; }
      showError("");
      setRunning(true);
      upload.start();
      pauseButton.focus();
    });

    window.addEventListener("offline", function () { if (upload) { text.textContent = strings.offline; } });
    window.addEventListener("online", function () {
      if (upload && !resumeButton.hidden) { resumeButton.click(); }
    });
  }

  function initAll() {
    document.querySelectorAll("[data-video-uploader]").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
