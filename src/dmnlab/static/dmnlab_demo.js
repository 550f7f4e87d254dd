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
  // plotly's typed-array form {dtype, bdata}: decode to a typed array
  var DTYPES = {f4: Float32Array, f8: Float64Array, i1: Int8Array, i2: Int16Array, i4: Int32Array,
                u1: Uint8Array, u2: Uint16Array, u4: Uint32Array};
  function decode(o) {
    if (!o || Array.isArray(o) || !o.bdata) return o;
    var bin = atob(o.bdata), buf = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
    return new DTYPES[o.dtype](buf.buffer);
  }
  // {dmnlab_lookup: name, values: [...]} -> values[lookup[i]] (null where lookup < 0): the page
  // carries a long lookup (e.g. the region of every vertex) once, each state only short values.
  function expandLookups(obj, lookups) {
    if (!isPlain(obj)) return obj;
    if ("dmnlab_lookup" in obj) {
      var lut = lookups[obj.dmnlab_lookup], vals = decode(obj.values), out = new Array(lut.length);
      for (var i = 0; i < lut.length; i++) {
        var v = lut[i] >= 0 ? vals[lut[i]] : null;
        out[i] = (v === null || v === undefined || isNaN(v)) ? null : v;
      }
      return out;
    }
    var res = {};
    Object.keys(obj).forEach(function (k) { res[k] = expandLookups(obj[k], lookups); });
    return res;
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
    var lookups = {};
    Object.keys(s.lookups || {}).forEach(function (k) { lookups[k] = decode(s.lookups[k]); });
    function figureFor() {
      var st = s.states[idx.join(",")] || {data: [], layout: {}};
      var data = s.data.map(function (t, i) {
        return merge(t, expandLookups((st.data || [])[i] || {}, lookups));
      });
      var layout = merge(s.layout, st.layout || {});
      layout.sliders = s.layout.sliders.map(function (sl, k) { return merge(sl, {active: idx[k]}); });
      if (readout) readout.textContent = st.readout || "";
      return {data: data, layout: layout};
    }
    function show() {
      var g = figureFor();
      return window.Plotly.react(gd, g.data, g.layout, s.config).then(function () {
        gd.dispatchEvent(new CustomEvent("dmnlab:updated", {detail: {state: idx.join(",")}}));
      });
    }
    // Keyboard: the figure takes focus; left/right move the first slider, up/down the second,
    // page up/down the third. The readout (aria-live) announces the new state.
    var keys = [["ArrowLeft", "ArrowRight"], ["ArrowDown", "ArrowUp"], ["PageDown", "PageUp"]];
    if (s.controls.length) {
      var help = s.controls.slice(0, 3).map(function (c, k) {
        return ["left and right arrows", "up and down arrows", "page up and page down"][k] + " change " + c.label;
      }).join("; ");
      el.setAttribute("tabindex", "0");
      el.setAttribute("aria-label", (el.getAttribute("aria-label") || "") + " Keyboard: " + help + ".");
      el.addEventListener("keydown", function (ev) {
        for (var k = 0; k < Math.min(3, s.controls.length); k++) {
          var d = ev.key === keys[k][0] ? -1 : (ev.key === keys[k][1] ? 1 : 0);
          if (!d) continue;
          var n = s.layout.sliders[k].steps.length;
          var v = Math.max(0, Math.min(n - 1, idx[k] + d));
          ev.preventDefault();
          if (v !== idx[k]) { idx[k] = v; show(); }
          return;
        }
      });
    }
    var f = figureFor();
    return window.Plotly.newPlot(gd, f.data, f.layout, s.config).then(function () {
      gd.on("plotly_sliderchange", function (ev) {
        var k = -1;
        s.controls.forEach(function (c, i) { if (c.name === ev.slider.name) k = i; });
        if (k < 0) return;
        idx[k] = parseInt(ev.step.value, 10);
        show();
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
