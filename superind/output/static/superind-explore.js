/* The explorer page (superind.output.explore): every control edits one design field; a change sends all edits to
   the warm process twice — "fast" (cards and spectrum, single-mode) then "full" (the build's evaluation) — and
   swaps in what comes back. A bad value shows its one-line error beside its control and leaves the page as it was.
   No network beyond the local server that served this page. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("explore-config").textContent);
  var token = encodeURIComponent(config.token);
  var status = document.querySelector("[data-status]");
  var seq = 0;

  function edits() {
    var out = {};
    document.querySelectorAll("input[data-field]").forEach(function (el) {
      if (el.value !== el.defaultValue) { out[el.dataset.field] = el.value; }
    });
    return out;
  }

  function post(action, body) {
    return fetch("/" + action + "?token=" + token, {method: "POST", headers: {"Content-Type": "application/json"},
                                                     body: JSON.stringify(body)}).then(function (r) { return r.json(); });
  }

  function clearErrors() {
    document.querySelectorAll("[data-error-for]").forEach(function (el) { el.textContent = ""; });
    document.querySelectorAll("input[data-field]").forEach(function (el) { el.classList.remove("bad"); });
  }

  function showError(reply) {
    var box = reply.field && document.querySelector("[data-error-for='" + reply.field + "']");
    if (box) {
      box.textContent = reply.error;
      document.querySelector("input[data-field='" + reply.field + "']").classList.add("bad");
    }
    status.textContent = reply.error;
  }

  function setPart(name, html) {
    var el = document.querySelector("[data-part='" + name + "']");
    if (el && html !== undefined) { el.innerHTML = html; }
  }

  function drawCharts(charts, full) {
    var box = document.querySelector("[data-part='charts']");
    Object.keys(charts).forEach(function (key) {
      var el = box.querySelector("[data-chart='" + key + "']");
      if (!el) {
        el = document.createElement("div");
        el.className = "chart";
        el.dataset.chart = key;
        box.appendChild(el);
      }
      window.superindCharts.render(el, charts[key]);
    });
    if (full) {  // a chart the design no longer has goes away
      box.querySelectorAll("[data-chart]").forEach(function (el) { if (!(el.dataset.chart in charts)) { el.remove(); } });
    }
  }

  function show(reply) {
    var full = reply.stage === "full";
    setPart("summary", reply.summary);
    setPart("numbers", reply.numbers);
    setPart("verdicts", reply.verdicts);
    if (full) { setPart("layout", reply.layout || ""); }
    drawCharts(reply.charts, full);
    document.querySelector("main").classList.toggle("updating", !full);
    document.body.dataset.stage = reply.stage;
  }

  function update() {
    var mine = ++seq, body = edits();
    clearErrors();
    document.body.dataset.stage = "pending";
    status.textContent = "updating…";
    document.querySelector("main").classList.add("updating");
    var t0 = performance.now();
    post("api/update", {edits: body, stage: "fast"}).then(function (reply) {
      if (mine !== seq) { return null; }
      if (reply.error) { showError(reply); document.querySelector("main").classList.remove("updating");
                         document.body.dataset.stage = "error"; return null; }
      show(reply);
      document.body.dataset.fastMs = String(Math.round(performance.now() - t0));
      status.textContent = "updating the wire modes, Monte-Carlo and layout…";
      return post("api/update", {edits: body, stage: "full"});
    }).then(function (reply) {
      if (!reply || mine !== seq) { return; }
      if (reply.error) { showError(reply); return; }
      show(reply);
      document.body.dataset.fullMs = String(Math.round(performance.now() - t0));
      status.textContent = "up to date";
    }).catch(function (e) { status.textContent = "the explorer's server did not answer: " + e; });
  }

  document.querySelectorAll("input[data-field]").forEach(function (el) {
    el.addEventListener("change", update);
  });
  document.querySelectorAll("button[data-action]").forEach(function (button) {
    if (button.dataset.action === "save" && !config.saveable) { button.disabled = true; }
    button.addEventListener("click", function () {
      status.textContent = button.dataset.action === "save" ? "saving…" : "building…";
      post("api/" + button.dataset.action, {edits: edits()}).then(function (reply) {
        if (reply.error) { showError(reply); return; }
        status.textContent = reply.saved ? "saved " + reply.saved : "wrote " + reply.written.join(", ");
      });
    });
  });
  document.body.dataset.stage = "full";
})();
