/* Charts of the 学习报表 pages (ECharts, served by the site). Each chart element names the JSON script that
 * holds its data (data-source) and its kind (data-chart); the same figures are in the table next to it. */
(function () {
  "use strict";
  if (typeof window.echarts === "undefined") return;
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var colours = { brand: "#b3261e", ok: "#1b6e3a", danger: "#a4161a", warn: "#c98a1a" };

  function bars(labels, series, stacked) {
    return {
      animation: !reduced,
      aria: { enabled: false },  // the element carries its own label; the table holds the figures
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: 24, top: series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
      xAxis: { type: "value" },
      yAxis: {
        type: "category", inverse: true, data: labels,
        axisLabel: { width: 96, overflow: "truncate" }
      },
      series: series.map(function (s) {
        return { name: s.name, type: "bar", data: s.data, stack: stacked ? "all" : undefined,
                 itemStyle: { color: s.colour }, label: { show: !stacked, position: "right" } };
      })
    };
  }

  var options = {
    rate: function (d) { return bars(d.labels, [{ name: d.rateName, data: d.rates, colour: colours.brand }]); },
    hours: function (d) { return bars(d.labels, [{ name: d.hoursName, data: d.hours, colour: colours.ok }]); },
    required: function (d) {
      return bars(d.labels, [
        { name: d.names[0], data: d.completed, colour: colours.ok },
        { name: d.names[1], data: d.overdue, colour: colours.danger },
        { name: d.names[2], data: d.pending, colour: colours.warn }
      ], true);
    }
  };

  function draw(element) {
    var source = document.getElementById(element.dataset.source);
    var build = options[element.dataset.chart];
    if (!source || !build) return;
    var data = JSON.parse(source.textContent);
    element.style.height = Math.max(160, 36 * data.labels.length + 72) + "px";
    var chart = window.echarts.init(element, null, { renderer: "svg" });
    chart.setOption(build(data));
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function start() { document.querySelectorAll(".chart[data-chart]").forEach(draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
