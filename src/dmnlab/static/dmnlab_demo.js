/* Default Mode: static runtime for dmnlab figures and demos (no kernel needed).
 * A demo's states were precomputed in Python; its plotly sliders only pick one.
 * Figures are drawn when they come near the screen (and the rest when the browser is idle),
 * so a long chapter shows its text at once, even on a phone. */
(function () {
  "use strict";
  function isPlain(o) {
    return o !== null && typeof o === "object" && !Array.isArray(o) && !("bdata" in o) &&
      !(ArrayBuffer.isView && ArrayBuffer.isView(o));
  }
  function merge(a, b) {
    if (!isPlain(a) || !isPlain(b)) return b === undefined ? a : b;
    var out = {};
    Object.keys(a).forEach(function (k) { out[k] = a[k]; });
    Object.keys(b).forEach(function (k) { out[k] = merge(a[k], b[k]); });
    return out;
  }
  function spec(el) {
    return JSON.parse(el.querySelector("script.dmnlab-spec").textContent);
  }

  function drawFigure(el) {
    var s = spec(el);
    return window.Plotly.newPlot(el.querySelector(".dmnlab-plot"), s.data, s.layout, s.config);
  }

  function drawDemo(el) {
    var s = spec(el);
    var gd = el.querySelector(".dmnlab-plot");
    var readout = el.querySelector(".dmnlab-readout");
    var idx = s.controls.map(function (c) { return c.active; });
    function figureFor() {
      var st = s.states[idx.join(",")] || {data: [], layout: {}};
      var data = s.data.map(function (t, i) { return merge(t, (st.data || [])[i] || {}); });
      var layout = merge(s.layout, st.layout || {});
      layout.sliders = s.layout.sliders.map(function (sl, k) { return merge(sl, {active: idx[k]}); });
      if (readout) readout.textContent = st.readout || "";
      return {data: data, layout: layout};
    }
    var f = figureFor();
    return window.Plotly.newPlot(gd, f.data, f.layout, s.config).then(function () {
      gd.on("plotly_sliderchange", function (ev) {
        var k = -1;
        s.controls.forEach(function (c, i) { if (c.name === ev.slider.name) k = i; });
        if (k < 0) return;
        idx[k] = parseInt(ev.step.value, 10);
        var g = figureFor();
        window.Plotly.react(gd, g.data, g.layout, s.config).then(function () {
          gd.dispatchEvent(new CustomEvent("dmnlab:updated", {detail: {state: idx.join(",")}}));
        });
      });
    });
  }

  var pending = [];
  function draw(el) {
    if (el.dataset.dmnlabReady) return Promise.resolve();
    el.dataset.dmnlabReady = "1";
    return Promise.resolve(el.__dmnlabDraw(el)).then(function () {
      el.dataset.dmnlabDrawn = "1";
    });
  }
  var observer = ("IntersectionObserver" in window) ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { observer.unobserve(e.target); draw(e.target); }
    });
  }, {rootMargin: "600px 0px"}) : null;

  var idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 50); };
  var draining = false;
  function drainWhenIdle() {
    if (draining) return;
    draining = true;
    (function next() {
      var el = pending.filter(function (e) { return !e.dataset.dmnlabReady; })[0];
      if (!el) { draining = false; return; }
      idle(function () { draw(el).then(next, next); });
    })();
  }
  function enqueue(el, fn) {
    if (el.__dmnlabDraw) return;
    el.__dmnlabDraw = fn;
    pending.push(el);
    if (observer) observer.observe(el); else draw(el);
    if (document.readyState === "complete") drainWhenIdle();
  }
  window.addEventListener("load", function () { setTimeout(drainWhenIdle, 200); });
  window.addEventListener("beforeprint", function () { pending.forEach(draw); });

  window.dmnlabFigure = function (el) { enqueue(el, drawFigure); };
  window.dmnlabDemo = function (el) { enqueue(el, drawDemo); };
})();
