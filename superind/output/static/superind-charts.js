/* superind charts: draws the chart specs of superind/output/charts.py (format in that module's docstring) with
   the vendored uPlot. Every <div class="chart" data-chart="KEY"> holding a <script type="application/json"> spec is
   drawn on DOMContentLoaded; window.superindCharts.render(el, spec) draws a spec into any element and
   .update(key, spec) redraws the chart KEY (the explorer). Text is set with textContent or drawn on the canvas,
   never parsed as HTML. Out-of-range marker lines, band ends and points are not drawn off the axes: a note at the
   edge of the plot names them with their value. */
(function () {
  "use strict";
  var FONT = "12px system-ui, sans-serif";
  var LABEL_FONT = "600 13px system-ui, sans-serif";
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];
  var SUP = {"-": "\u207b", "0": "\u2070", "1": "\u00b9", "2": "\u00b2", "3": "\u00b3", "4": "\u2074",
             "5": "\u2075", "6": "\u2076", "7": "\u2077", "8": "\u2078", "9": "\u2079"};
  var SVGNS = "http://www.w3.org/2000/svg";
  var charts = {};  // key -> [uPlot instances]
  var measure = document.createElement("canvas").getContext("2d");

  function sup(n) {
    return String(n).split("").map(function (c) { return SUP[c]; }).join("");
  }

  function num(v, digits) {
    // a number as people read it: 4 significant digits, 10ⁿ notation outside 1e-3 … 1e5
    if (v == null || !isFinite(v)) return "\u2014";
    if (v === 0) return "0";
    var a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3) {
      var e = Math.floor(Math.log10(a)), m = +(v / Math.pow(10, e)).toPrecision(digits);
      if (Math.abs(m) >= 10) { m = +(m / 10).toPrecision(digits); e += 1; }
      var p = "10" + sup(e);
      return m === 1 ? p : m === -1 ? "\u2212" + p : m + "\u00d7" + p;
    }
    return String(+v.toPrecision(digits));
  }

  function logTick(v) {
    // a log axis' tick: 10ⁿ at a decade, the plain number between decades
    var e = Math.round(Math.log10(v));
    return Math.abs(v / Math.pow(10, e) - 1) < 1e-9 ? "10" + sup(e) : num(v, 6);
  }

  function withUnit(v, unit) {
    return v == null || !isFinite(v) ? "\u2014" : num(v, 4) + (unit ? " " + unit : "");
  }

  function axisTitle(ax) {
    return ax.label + (ax.unit ? " [" + ax.unit + "]" : "");
  }

  function logSplits(u, i, min, max) {
    // decades (every n-th when there are many), with 2 and 5 × 10ⁿ when the axis spans two decades or less
    var lo = Math.floor(Math.log10(min) + 1e-9), hi = Math.ceil(Math.log10(max) - 1e-9), out = [];
    var step = Math.max(1, Math.ceil((hi - lo) / 7));
    var mults = hi - lo <= 2 ? [1, 2, 5] : [1];
    for (var e = lo; e <= hi; e++) {
      if (e % step !== 0) continue;
      mults.forEach(function (m) {
        var v = m * Math.pow(10, e);
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
      });
    }
    if (out.length < 2) {
      for (e = lo; e <= hi; e++) for (var k = 1; k < 10; k++) {
        var w = k * Math.pow(10, e);
        if (w >= min * (1 - 1e-9) && w <= max * (1 + 1e-9)) out.push(w);
      }
    }
    return out;
  }

  function scaleOf(ax) {
    var sc = {time: false, distr: ax.scale === "log" ? 3 : 1, log: 10};
    if (ax.range) sc.range = ax.range.slice();
    return sc;
  }

  function axisOf(ax, key, side) {
    var a = {scale: key, label: axisTitle(ax), font: FONT, labelFont: LABEL_FONT, labelSize: 22, side: side,
             gap: 4, stroke: "#222", grid: {stroke: "#e4e4e4", width: 1}, ticks: {stroke: "#999", width: 1, size: 5}};
    if (ax.categories) {
      a.splits = function () { return ax.categories.map(function (_, i) { return i; }); };
      a.values = function (u, splits) { return splits.map(function (v) { return ax.categories[v] || ""; }); };
      a.grid = {show: false};
    } else {
      var log = ax.scale === "log";
      if (log) { a.splits = logSplits; a.filter = function (u, splits) { return splits; }; }
      a.values = function (u, splits) { return splits.map(function (v) { return log ? logTick(v) : num(v, 6); }); };
    }
    if (side === 3) {
      a.size = function (u, values) {
        measure.font = FONT;
        var w = (values || []).reduce(function (m, t) { return Math.max(m, measure.measureText(t || "").width); }, 0);
        return Math.ceil(w) + 14;
      };
    } else {
      a.size = 34;
    }
    return a;
  }

  function seriesOf(s, i, unit) {
    var color = s.color || PALETTE[i % PALETTE.length];
    var out = {label: s.label, stroke: color, width: 1.6, spanGaps: false,
               value: function (u, v) { return v == null ? "" : "= " + withUnit(v, unit); }};
    if (s.dash) out.dash = s.dash;
    if (s.style === "bars") {
      out.paths = uPlot.paths.bars({size: [1, Infinity], align: 0});
      out.fill = color + "99";
      out.width = 1;
      out.points = {show: false};
    } else if (s.style === "points") {
      out.paths = function () { return null; };
      out.points = {show: true, size: 10, width: 1, stroke: color, fill: color};
    } else {
      out.points = {show: s.style === "line+points", size: 6, stroke: color, fill: color};
    }
    return out;
  }

  function seriesData(spec) {
    var tables = spec.series.map(function (s) { return [s.x, s.y]; });
    return tables.length ? uPlot.join(tables) : [[]];
  }

  // ------------------------------------------------------------------ marker lines, bands and edge notes
  function inRange(v, min, max) { return v >= min && v <= max; }

  function drawBands(u, spec) {
    var ctx = u.ctx, b = u.bbox;
    ctx.save();
    ctx.beginPath(); ctx.rect(b.left, b.top, b.width, b.height); ctx.clip();
    spec.bands.forEach(function (band) {
      var x0 = b.left, x1 = b.left + b.width, y0 = b.top, y1 = b.top + b.height;
      if (band.x) { x0 = u.valToPos(band.x[0], "x", true); x1 = u.valToPos(band.x[1], "x", true); }
      if (band.y) { y0 = u.valToPos(band.y[1], "y", true); y1 = u.valToPos(band.y[0], "y", true); }
      if (!isFinite(x0) || !isFinite(x1) || !isFinite(y0) || !isFinite(y1)) return;
      ctx.globalAlpha = band.alpha == null ? 0.25 : band.alpha;
      ctx.fillStyle = band.color;
      ctx.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.max(Math.abs(x1 - x0), 1), Math.max(Math.abs(y1 - y0), 1));
    });
    ctx.restore();
  }

  function drawMarkers(u, spec, notes, shown) {
    // markers inside the axes drawn (and listed in ``shown`` for the key); the others and clipped bands as notes
    var ctx = u.ctx, b = u.bbox, r = uPlot.pxRatio, xs = u.scales.x, ys = u.scales.y;
    ctx.save();
    ctx.beginPath(); ctx.rect(b.left, b.top, b.width, b.height); ctx.clip();
    spec.markers.forEach(function (m) {
      var hasX = m.x != null, hasY = m.y != null;
      var xIn = !hasX || inRange(m.x, xs.min, xs.max), yIn = !hasY || inRange(m.y, ys.min, ys.max);
      if (!xIn || !yIn) { notes.push(edgeNote(u, m, m.label)); return; }
      shown.push([m, false]);
      ctx.strokeStyle = m.color; ctx.lineWidth = 1.5 * r;
      ctx.setLineDash((m.dash || []).map(function (d) { return d * r; }));
      ctx.beginPath();
      if (hasX) {
        var px = u.valToPos(m.x, "x", true);
        ctx.moveTo(px, b.top + b.height); ctx.lineTo(px, b.top);
      } else {
        var py = u.valToPos(m.y, "y", true);
        ctx.moveTo(b.left, py); ctx.lineTo(b.left + b.width, py);
      }
      ctx.stroke();
    });
    ctx.restore();
    spec.bands.forEach(function (band) {
      // a band whose end (or whole extent) lies beyond the axis: a note at that edge with the value
      var outside = false;
      ["x", "y"].forEach(function (k) {
        if (!band[k]) return;
        var sc = u.scales[k], lo = band[k][0], hi = band[k][1], unit = spec[k].unit;
        var at = band[k === "x" ? "y" : "x"], mid = at ? (at[0] + at[1]) / 2 : null;
        var m = k === "x" ? {y: mid, color: band.color} : {x: mid, color: band.color};
        if (hi < sc.min || lo > sc.max) {
          outside = true;
          m[k] = hi < sc.min ? hi : lo;
          notes.push(edgeNote(u, m, band.label + ": " + withUnit(lo, unit) + " \u2026 " + withUnit(hi, unit)));
          return;
        }
        if (lo < sc.min) { m[k] = lo; notes.push(edgeNote(u, m, band.label + " continues to " + withUnit(lo, unit))); }
        m = k === "x" ? {y: mid, color: band.color} : {x: mid, color: band.color};
        if (hi > sc.max) { m[k] = hi; notes.push(edgeNote(u, m, band.label + " continues to " + withUnit(hi, unit))); }
      });
      if (!outside) shown.push([band, true]);
    });
    spec.series.forEach(function (s) {
      // points of a points-only series that fall outside the axes are named at the edge
      if (s.style !== "points") return;
      s.x.forEach(function (x, i) {
        var y = s.y[i];
        if (y == null || x == null) return;
        if (!inRange(y, ys.min, ys.max) || !inRange(x, xs.min, xs.max))
          notes.push(edgeNote(u, {x: x, y: y, color: s.color},
                              s.label + " = " + withUnit(y, spec.y.unit) + " (off scale)"));
      });
    });
  }

  function edgeNote(u, m, text) {
    // a marker beyond the axes: its text, with an arrow towards it, and where its arrowhead sits on the plot's edge
    var b = u.bbox, r = uPlot.pxRatio, xs = u.scales.x, ys = u.scales.y, note = {color: m.color || "#444"};
    var clamp = function (v, k) {
      var lo = k === "x" ? b.left : b.top, hi = lo + (k === "x" ? b.width : b.height);
      return Math.min(Math.max(u.valToPos(v, k, true), lo + 8 * r), hi - 8 * r);
    };
    if (m.y != null && (m.y > ys.max || m.y < ys.min)) {
      note.dir = m.y > ys.max ? "up" : "down";
      note.x = m.x != null ? clamp(m.x, "x") : b.left + b.width - 8 * r;
      note.y = note.dir === "up" ? b.top : b.top + b.height;
    } else {
      note.dir = m.x > xs.max ? "right" : "left";
      note.x = note.dir === "right" ? b.left + b.width : b.left;
      note.y = m.y != null ? clamp(m.y, "y") : b.top + 8 * r;
    }
    note.text = {up: "\u2191 ", down: "\u2193 ", left: "\u2190 ", right: "\u2192 "}[note.dir] + text;
    return note;
  }

  function drawArrows(u, notes) {
    // an arrowhead on the plot's edge, in the marker's colour, pointing where the marker lies
    var ctx = u.ctx, s = 7 * uPlot.pxRatio;
    ctx.save();
    notes.forEach(function (n) {
      var d = {up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0]}[n.dir];
      var bx = n.x - d[0] * 1.4 * s, by = n.y - d[1] * 1.4 * s;
      ctx.fillStyle = n.color;
      ctx.beginPath();
      ctx.moveTo(n.x, n.y);
      ctx.lineTo(bx - d[1] * s / 1.6, by + d[0] * s / 1.6);
      ctx.lineTo(bx + d[1] * s / 1.6, by - d[0] * s / 1.6);
      ctx.closePath();
      ctx.fill();
    });
    ctx.restore();
  }

  function showNotes(div, notes) {
    // the text of what lies beyond the axes, below the plot (HTML: it cannot cover the data)
    var seen = {};
    notes = notes.filter(function (n) { return seen[n.text] ? false : (seen[n.text] = true); });
    var text = notes.map(function (n) { return n.text; }).join("\n");
    if (div.getAttribute("data-text") === text) return;
    div.setAttribute("data-text", text);
    div.textContent = "";
    div.style.display = notes.length ? "" : "none";
    if (!notes.length) return;
    var head = document.createElement("span");
    head.className = "si-beyond";
    head.textContent = "beyond the axes:";
    div.appendChild(head);
    notes.forEach(function (n) {
      var span = document.createElement("span");
      span.className = "si-note";
      span.style.borderColor = n.color;
      span.textContent = n.text;
      div.appendChild(span);
    });
  }

  // ------------------------------------------------------------------ legend of markers and bands
  function swatch(item, isBand) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", "26"); svg.setAttribute("height", "12");
    var shape, set = function (a) { shape.setAttribute(a[0], a[1]); };
    if (isBand) {
      shape = document.createElementNS(SVGNS, "rect");
      [["x", 1], ["y", 1], ["width", 24], ["height", 10], ["fill", item.color],
       ["fill-opacity", item.alpha == null ? 0.25 : item.alpha]].forEach(set);
    } else {
      shape = document.createElementNS(SVGNS, "line");
      [["x1", 1], ["y1", 6], ["x2", 25], ["y2", 6], ["stroke", item.color], ["stroke-width", 2],
       ["stroke-dasharray", (item.dash || []).join(" ") || "none"]].forEach(set);
    }
    svg.appendChild(shape);
    return svg;
  }

  function showKeys(div, shown) {
    // the key of the markers and bands drawn inside the axes (series are in uPlot's legend)
    var seen = {};
    shown = shown.filter(function (p) { return seen[p[0].label] ? false : (seen[p[0].label] = true); });
    var text = shown.map(function (p) { return p[0].label; }).join("\n");
    if (div.getAttribute("data-text") === text) return;
    div.setAttribute("data-text", text);
    div.textContent = "";
    shown.forEach(function (pair) {
      var span = document.createElement("span");
      span.className = "si-key";
      span.appendChild(swatch(pair[0], pair[1]));
      span.appendChild(document.createTextNode(pair[0].label));
      div.appendChild(span);
    });
  }

  // ------------------------------------------------------------------ one chart, panels, the page
  function drawXY(host, spec, width) {
    spec.markers = spec.markers || [];
    spec.bands = spec.bands || [];
    var beyond = document.createElement("div"), key = document.createElement("div");
    beyond.className = "si-notes";
    key.className = "si-keys";
    var cats = spec.x.categories;
    var series = [{label: spec.x.label, value: function (u, v) {
      return v == null ? "" : "= " + (cats ? cats[Math.round(v)] || "" : withUnit(v, spec.x.unit)); }}];
    spec.series.forEach(function (s, i) { series.push(seriesOf(s, i, spec.y.unit)); });
    var opts = {
      width: width, height: spec.height_px || 300, title: spec.title, series: series,
      scales: {x: scaleOf(spec.x), y: scaleOf(spec.y)},
      axes: [axisOf(spec.x, "x", 2), axisOf(spec.y, "y", 3)],
      legend: {show: true, live: true},
      cursor: {drag: {x: false, y: false}},
      hooks: {
        setCursor: [function (u) { u.root.classList.toggle("si-hover", u.cursor.idx != null); }],
        drawClear: [function (u) { drawBands(u, spec); }],
        draw: [function (u) {
          var notes = [], shown = [];
          drawMarkers(u, spec, notes, shown);
          drawArrows(u, notes);
          showNotes(beyond, notes);
          showKeys(key, shown);
        }]
      }
    };
    var u = new uPlot(opts, seriesData(spec), host);
    u.root.insertBefore(beyond, u.root.querySelector(".u-legend"));
    u.root.appendChild(key);
    return u;
  }

  function render(el, spec) {
    var body = el.querySelector(":scope > .si-body");
    if (!body) { body = document.createElement("div"); body.className = "si-body"; el.appendChild(body); }
    var key = el.getAttribute("data-chart") || "";
    (charts[key] || []).forEach(function (u) { u.destroy(); });
    body.textContent = "";
    var width = Math.max(el.clientWidth || 560, 280), made = [];
    if (spec.kind === "panels") {
      var title = document.createElement("div");
      title.className = "si-title"; title.textContent = spec.title;
      var grid = document.createElement("div");
      grid.className = "si-panels";
      body.appendChild(title); body.appendChild(grid);
      var per = Math.min(spec.panels.length, spec.columns || 3);
      var w = Math.max(Math.floor((width - 16 * (per - 1)) / per), 260);
      spec.panels.forEach(function (p) {
        var cell = document.createElement("div");
        cell.className = "si-panel";
        cell.style.width = w + "px";
        grid.appendChild(cell);
        made.push(drawXY(cell, p, w));
      });
    } else {
      made.push(drawXY(body, spec, width));
    }
    charts[key] = made;
    return made;
  }

  function specOf(el) {
    var script = el.querySelector(":scope > script[type='application/json']");
    return script ? JSON.parse(script.textContent) : null;
  }

  function update(key, spec) {
    var el = document.querySelector(".chart[data-chart='" + CSS.escape(key) + "']");
    if (!el) throw new Error("superind charts: no chart " + key);
    var script = el.querySelector(":scope > script[type='application/json']");
    if (script) script.textContent = JSON.stringify(spec);
    return render(el, spec);
  }

  function renderAll() {
    document.querySelectorAll(".chart[data-chart]").forEach(function (el) {
      var spec = specOf(el);
      if (spec) render(el, spec);
    });
  }

  window.superindCharts = {render: render, update: update, charts: charts, format: num};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderAll);
  else renderAll();
})();
