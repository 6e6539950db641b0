/* Chapters of a recording: a click seeks the page's player to the chapter and plays from there. */
(function () {
  "use strict";

  function init(list) {
    var video = document.querySelector(list.getAttribute("data-chapters-for"));
    if (!video) { return; }
    var buttons = Array.prototype.slice.call(list.querySelectorAll("[data-seek]"));

    function seek(seconds) {
      video.currentTime = seconds;
      var played = video.play();
      if (played && played.catch) { played.catch(function () { /* autoplay refused: the position is set */ }); }
      video.focus();
    }

    function markCurrent() {
      var current = null;
      buttons.forEach(function (button) {
        if (parseFloat(button.dataset.seek) <= video.currentTime + 0.5) { current = button; }
      });
      buttons.forEach(function (button) {
        if (button === current) { button.setAttribute("aria-current", "true"); }
        else { button.removeAttribute("aria-current"); }
      });
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () { seek(parseFloat(button.dataset.seek) || 0); });
    });
    video.addEventListener("timeupdate", markCurrent);

    // a shared link "#t=05:30" or "#t=330" starts at that point
    var match = /^#t=(?:(\d+):)?(?:(\d+):)?(\d+)$/.exec(window.location.hash);
    if (match) {
      var parts = [match[1], match[2], match[3]].filter(function (p) { return p !== undefined; }).map(Number);
      var seconds = parts.reduce(function (total, part) { return total * 60 + part; }, 0);
      video.addEventListener("loadedmetadata", function () { video.currentTime = seconds; }, { once: true });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chapters-for]").forEach(init);
  });
})();
