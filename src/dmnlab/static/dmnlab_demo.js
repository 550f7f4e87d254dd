/* Default Mode: the book's runtime for dmnlab figures and demos (no kernel needed).
 *
 * A page loads this small script only if it has figures. It loads nothing else until a figure
 * comes near the screen; then it fetches that figure's data (inline, or a spec file next to the
 * page) and the smallest plotly.js bundle that draws it (data-plotly: "cartesian" or "gl3d",
 * plotly's partial bundles; "full" only for trace types they lack; "table": an HTML table, no
 * plotly at all). Demos' states were precomputed in Python; their plotly sliders, buttons and
 * menus (method "skip") only pick one, and the arrow keys do the same from the keyboard.
 * On a narrow screen figures take a compact layout: smaller fonts, the legend on top, slider
 * labels that do not collide, drop-down menus instead of rows of buttons that would not fit.
 * Printing (and window.dmnlab.drawAll()) draws every figure. Works from file:// and http. */
(function () {
  "use strict";
  if (window.dmnlab && window.dmnlab.drawAll) return;

  var script = document.currentScript;
  var BASE = script && script.src ? script.src.replace(/[^\/]*$/, "") : "_static/vendor/";
  var BUNDLES = {cartesian: "plotly-cartesian.min.js", gl3d: "plotly-gl3d.min.js", full: "plotly.min.js"};
  var NARROW = 560;          // px: below this width a figure takes its compact layout
  var AHEAD = "50% 0px";     // start loading a figure when it is half a screen away

  // ------------------------------------------------------------------ small helpers
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
  function clone(o) { return merge({}, o); }
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
  function loadScript(src) {
    return new Promise(function (ok, fail) {
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = function () { ok(s); };
      s.onerror = function () { fail(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }
  function frame() {  // let the browser paint and answer input between big steps
    return new Promise(function (ok) { setTimeout(ok, 0); });
  }
  var measureCtx = null;
  function textWidth(s, size) {
    if (!measureCtx) measureCtx = document.createElement("canvas").getContext("2d");
    measureCtx.font = size + "px Helvetica, Arial, sans-serif";
    return measureCtx.measureText(String(s).replace(/<[^>]*>/g, "")).width;
  }
  // plotly's rich text (and table cells) allow a few tags; keep those, escape everything else
  function richText(s) {
    var esc = String(s === null || s === undefined ? "" : s)
      .replace(/&(?!(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);)/gi, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return esc.replace(/&lt;(\/?)(b|i|em|strong|sub|sup)&gt;/gi, "<$1$2>").replace(/&lt;br\s*\/?&gt;/gi, "<br>");
  }

  // ------------------------------------------------------------------ plotly bundles
  var plotlys = {}, amdHidden = 0, amdSaved;
  function plotly(name) {
    name = BUNDLES[name] ? name : "full";
    if (!plotlys[name]) {
      // a page with require.js would otherwise receive plotly as an anonymous AMD module
      if (amdHidden++ === 0) { amdSaved = window.define; window.define = undefined; }
      var restore = function () { if (--amdHidden === 0) window.define = amdSaved; };
      plotlys[name] = loadScript(BASE + BUNDLES[name]).then(function () {
        var P = window.Plotly;  // this bundle; figures keep the one that drew them
        restore();
        return P;
      }, function (err) { restore(); throw err; });
    }
    return plotlys[name];
  }

  // ------------------------------------------------------------------ specs
  var specFiles = {};
  window.dmnlabSpec = function (key, spec) {  // called by a spec file (JSONP: works from file://)
    if (specFiles[key]) specFiles[key].resolve(spec);
  };
  function getSpec(el) {
    var node = el.querySelector("script.dmnlab-spec");
    var src = node && node.getAttribute("data-src");
    if (!node) return Promise.reject(new Error("figure without data"));
    if (!src) return Promise.resolve(JSON.parse(node.textContent));
    var key = node.getAttribute("data-key");
    if (!specFiles[key]) {
      var d = {};
      d.promise = new Promise(function (ok) { d.resolve = ok; });
      specFiles[key] = d;
      loadScript(src).catch(function (err) { d.resolve(Promise.reject(err)); });
    }
    return specFiles[key].promise.then(function (s) { return JSON.parse(JSON.stringify(s)); });
  }

  // ------------------------------------------------------------------ layout for the screen
  function titleText(layout) {
    var t = layout.title;
    return (t && typeof t === "object") ? (t.text || "") : (t || "");
  }
  // The title is drawn as HTML above the plot: it wraps on a phone, and nothing can sit on it.
  function liftTitle(el, layout) {
    var text = titleText(layout), box = el.querySelector(".dmnlab-title");
    if (!box) {
      box = document.createElement("p");
      box.className = "dmnlab-title";
      el.insertBefore(box, el.firstChild);
    }
    box.innerHTML = richText(text);
    box.style.display = text ? "" : "none";
    if (text) {
      layout.title = {text: ""};
      var top = (layout.annotations || []).some(function (a) { return (a.yref || "paper") === "paper" && a.y >= 1; });
      var m = layout.margin = merge({}, layout.margin || {});
      if (!top && !layout.scene) m.t = Math.min(m.t === undefined ? 100 : m.t, 24);
    }
    return layout;
  }
  function axesOf(layout, data) {
    var names = {};
    Object.keys(layout).forEach(function (k) { if (/^[xy]axis\d*$/.test(k)) names[k] = 1; });
    data.forEach(function (t) {
      if (/^(scatter3d|mesh3d|surface|cone|streamtube|isosurface|volume|pie|table|scatterpolar|barpolar)$/.test(t.type || "")) return;
      names[(t.xaxis || "x").replace("x", "xaxis")] = 1;
      names[(t.yaxis || "y").replace("y", "yaxis")] = 1;
    });
    return Object.keys(names);
  }
  // Break plotly rich text into lines no wider than px (at words; existing <br> kept).
  function wrap(text, px, size) {
    return String(text).split(/<br\s*\/?>/i).map(function (line) {
      var words = line.split(" "), out = [], cur = "";
      words.forEach(function (w) {
        var next = cur ? cur + " " + w : w;
        if (cur && textWidth(next, size) > px) { out.push(cur); cur = w; } else cur = next;
      });
      out.push(cur);
      return out.join("<br>");
    }).join("<br>");
  }
  function fixOf(el) {
    return el.__dmnlabFix || (el.__dmnlabFix = {notes: {}, axes: {}, sliders: {}, menus: {}, text: {}});
  }
  function shown(t) {
    var s = getComputedStyle(t);
    return parseFloat(s.fillOpacity) !== 0 && !/rgba\(.*,\s*0\)$/.test(s.fill) && s.display !== "none";
  }
  // trace text that did not fit (see fit()) is wrapped
  function adaptData(el, data) {
    var fix = fixOf(el);
    return data.map(function (tr, i) {
      if (!fix.text[i] || tr.text === undefined) return tr;
      var size = (tr.textfont && typeof tr.textfont.size === "number" && tr.textfont.size) || 11;
      var all = Array.isArray(tr.text) ? tr.text : [tr.text];
      // a single word wider than the room left makes the text smaller (not below 8 px)
      var word = all.reduce(function (m, x) {
        return typeof x !== "string" ? m : x.split(/\s+|<br>/).reduce(function (mm, w) { return Math.max(mm, textWidth(w, size)); }, m);
      }, 0);
      if (word > fix.text[i]) size = Math.max(8, Math.floor(size * fix.text[i] / word));
      var text = Array.isArray(tr.text) ? tr.text.map(function (x) { return typeof x === "string" ? wrap(x, fix.text[i], size) : x; })
                                        : (typeof tr.text === "string" ? wrap(tr.text, fix.text[i], size) : tr.text);
      return merge(tr, {text: text, textfont: {size: size}});
    });
  }
  // Adapt a figure's layout to the width it will be drawn at (and to what an earlier drawing at
  // this width showed did not fit: see fit()).
  function adapt(el, layout, data, width) {
    layout = liftTitle(el, clone(layout));
    ["annotations", "sliders", "updatemenus"].forEach(function (k) {  // never touch the spec's own arrays
      if (Array.isArray(layout[k])) layout[k] = layout[k].slice();
    });
    var narrow = width < NARROW, fix = fixOf(el);
    axesOf(layout, data).forEach(function (k) {  // long tick labels push the margins, never get cut
      layout[k] = merge(layout[k] || {}, {automargin: true});
      var t = layout[k].title;
      t = typeof t === "string" ? {text: t} : merge({}, t || {});
      if (narrow) t.font = merge(t.font || {}, {size: 11});
      if (fix.axes[k] && t.text) t.text = wrap(t.text, fix.axes[k], (t.font && t.font.size) || 12);
      layout[k].title = t;
    });
    if (narrow) {  // long category names on a y axis wrap instead of eating the plot's width
      axesOf(layout, data).forEach(function (k) {
        if (k.charAt(0) !== "y" || layout[k].tickvals || layout[k].ticktext) return;
        var id = k.replace("axis", ""), cats = [];
        data.forEach(function (tr) {
          if ((tr.yaxis || "y") !== id || !Array.isArray(tr.y)) return;
          tr.y.forEach(function (v) { if (typeof v === "string" && cats.indexOf(v) < 0) cats.push(v); });
        });
        var room = 0.35 * width, size = 11;
        if (!cats.length || !cats.some(function (c) { return textWidth(c, size) > room; })) return;
        layout[k] = merge(layout[k], {tickmode: "array", tickvals: cats,
                                      ticktext: cats.map(function (c) { return wrap(c, room, size); })});
      });
    }
    var font = merge({size: 12}, layout.font || {});
    if (narrow) {
      font.size = Math.min(font.size || 12, 11);
      var m = layout.margin = merge({l: 80, r: 80, t: 100, b: 80}, layout.margin || {});
      m.l = Math.min(m.l, 40); m.r = Math.min(m.r, 12);
      var shown = data.filter(function (t) { return t.showlegend !== false && t.type !== "table"; }).length;
      var lg = layout.legend || {};
      var outside = lg.x === undefined || lg.x > 1 || lg.x < 0;
      var topNotes = (layout.annotations || []).some(function (a) { return (a.yref || "paper") === "paper" && a.y >= 1; });
      if (layout.showlegend !== false && shown > 1 && outside && !topNotes && !layout.scene) {
        layout.legend = merge(lg, {orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom",
                                   font: {size: 10}});
      } else if (layout.legend) {
        layout.legend = merge(lg, {font: {size: 10}});
      }
    }
    layout.font = font;
    (layout.annotations || []).forEach(function (a, i) {
      var size = (a.font && a.font.size) || font.size;
      if (narrow) size = Math.min(size, 10);
      var f = fix.notes[i], b = {font: {size: size}};
      if (f && f.wrap && a.text) b.text = wrap(a.text, f.wrap, size);
      if (f && f.shift) b.xshift = (a.xshift || 0) + f.shift;
      layout.annotations[i] = merge(a, b);
    });
    var m2 = merge({l: 80, r: 80}, layout.margin || {});
    // the controls below the plot span the figure's whole width, not just the plot area (which
    // long tick labels can push far to the right): positions are in plot-area fractions
    var lm = fix.size ? fix.size.l : m2.l, pw = fix.size ? fix.size.w : Math.max(100, width - m2.l - m2.r);
    var x0 = -Math.max(0, lm - 6) / pw, span = (width - 12) / pw, plotWidth = width - 12;
    (layout.annotations || []).forEach(function (a, i) {
      if (String(a.name || "").indexOf("dmnlab-label-") === 0) layout.annotations[i] = merge(a, {x: x0});
    });
    (layout.sliders || []).forEach(function (sl, i) {
      var size = narrow ? 10 : ((sl.font && sl.font.size) || 11), f = fix.sliders[i] || {};
      var labels = sl.steps.map(function (s) { return s.label; });
      var widths = labels.map(function (s) { return textWidth(s, size); });
      var first = widths[0] / 2 + 2, last = widths[widths.length - 1] / 2 + 2;
      var rail = plotWidth - first - last, gap = rail / Math.max(1, labels.length - 1);
      var crowded = f.hide || widths.some(function (w, k) { return k > 0 && (w + widths[k - 1]) / 2 + 4 > gap; });
      layout.sliders[i] = merge(sl, {
        x: x0, len: span, xanchor: "left",
        pad: {l: Math.ceil(first + (f.l || 0)), r: Math.ceil(last + (f.r || 0))},
        // labels that would collide are not drawn; the current value above the rail names the step
        font: crowded ? {size: size, color: "rgba(0,0,0,0)"} : {size: size},
        currentvalue: {font: narrow ? {size: 12, color: "#222"} : {color: "#222"}},  // never inherits the hidden labels' transparency
      });
    });
    (layout.updatemenus || []).forEach(function (um, i) {
      var f = fix.menus[i] || {}, size = narrow ? 11 : 12;
      var need = um.buttons.reduce(function (s, b) { return s + textWidth(b.label, size) + 24; }, 0);
      if (um.type === "buttons" && (f.dropdown || need > width - 12)) um = merge(um, {type: "dropdown", direction: "up"});
      // a drop-down as wide as its longest option: long options wrap onto more lines
      var room = f.wrap || (um.type === "dropdown" ? width - 60 : 0);
      if (room) um = merge(um, {buttons: um.buttons.map(function (b) { return merge(b, {label: wrap(b.label, room, size)}); })});
      layout.updatemenus[i] = merge(um, {x: x0, xanchor: "left", font: {size: size}});
    });
    restack(layout, width, narrow);
    if (!narrow) fitCortex(layout, data, width);
    return layout;
  }

  // A cortex map's views are sized to fill a phone (plotly scales an orthographic scene to its
  // height). On a wider page the scene grows with the width: what is above it keeps its place,
  // what is below it moves down, and the figure grows by as much.
  var CORTEX_PX = 340, CORTEX_MAX = 1.8;
  function fitCortex(layout, data, width) {
    var sc = layout.scene;
    if (!sc || !sc.aspectratio || !data.some(function (t) { return t.meta && t.meta.dmnlab_cortex; })) return;
    var m = layout.margin || {}, H = layout.height || 450;
    var t = m.t === undefined ? 100 : m.t, b = m.b === undefined ? 80 : m.b;
    var l = m.l === undefined ? 80 : m.l, r = m.r === undefined ? 80 : m.r;
    var dy = (sc.domain && sc.domain.y) || [0, 1], dx = (sc.domain && sc.domain.x) || [0, 1];
    var plotH = H - t - b, room = (width - l - r) * (dx[1] - dx[0]);
    var k = Math.min(CORTEX_MAX, room / CORTEX_PX);
    if (!(plotH > 0) || k < 1.05) return;
    var extra = Math.round(plotH * (dy[1] - dy[0]) * (k - 1)), H2 = plotH + extra;
    function f(y) {
      if (typeof y !== "number") return y;
      if (y <= dy[0]) return y * plotH / H2;
      if (y >= dy[1]) return (y * plotH + extra) / H2;
      return (dy[0] * plotH + (y - dy[0]) * plotH * k) / H2;
    }
    layout.scene = merge(sc, {domain: {x: dx, y: [f(dy[0]), f(dy[1])]}});
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key) && layout[key] && layout[key].domain && key.charAt(0) === "y") {
        layout[key] = merge(layout[key], {domain: layout[key].domain.map(f)});
      }
    });
    ["annotations", "sliders", "updatemenus"].forEach(function (key) {
      if (!Array.isArray(layout[key])) return;
      layout[key] = layout[key].map(function (a) {
        return ((a.yref || "paper") === "paper" && typeof a.y === "number") ? merge(a, {y: f(a.y)}) : a;
      });
    });
    if (layout.legend && typeof layout.legend.y === "number") layout.legend = merge(layout.legend, {y: f(layout.legend.y)});
    layout.height = H + extra;
  }

  // The controls below the plot, top to bottom as Python stacked them, now with the height each
  // needs at this width (a label or an option that wraps takes more lines): nothing overlaps,
  // and the figure grows or shrinks by the difference.
  var SLIDER_ROW = 80, MENU_ROW = 62;  // as dmnlab.interact lays them out
  function lines(s) { return String(s).split(/<br\s*\/?>/i).length; }
  function restack(layout, width, narrow) {
    var items = [];
    (layout.sliders || []).forEach(function (s, i) { items.push({kind: "slider", i: i, top: (s.pad || {}).t || 0}); });
    (layout.updatemenus || []).forEach(function (m, i) { items.push({kind: "menu", i: i, top: ((m.pad || {}).t || 22) - 22}); });
    if (!items.length) return;
    items.sort(function (a, b) { return a.top - b.top; });
    var start = items[0].top, cur = start, before = 0;
    var notes = layout.annotations || [];
    items.forEach(function (it) {
      if (it.kind === "slider") {
        before += SLIDER_ROW;
        layout.sliders[it.i] = merge(layout.sliders[it.i], {pad: {t: cur}});
        cur += SLIDER_ROW;
        return;
      }
      before += MENU_ROW;
      var um = layout.updatemenus[it.i], size = (um.font && um.font.size) || 12;
      var k = -1;
      notes.forEach(function (a, j) { if (a.name === "dmnlab-label-" + um.name) k = j; });
      var labelH = 22;
      if (k >= 0) {
        var a = notes[k], lsize = (a.font && a.font.size) || 13;
        var text = narrow ? wrap(a.text, width - 12, lsize) : a.text;
        labelH = lines(text) * (lsize + 3) + 6;
        notes[k] = merge(a, {text: text, yshift: -cur});
      }
      var rows = um.buttons.reduce(function (m, b) { return Math.max(m, lines(b.label)); }, 1);
      var headH = rows * (size + 4) + 14;
      layout.updatemenus[it.i] = merge(um, {pad: {t: cur + labelH}});
      cur += Math.max(MENU_ROW, labelH + headH + 12);
    });
    var delta = (cur - start) - before;
    if (delta) {
      layout.margin = merge(layout.margin || {}, {b: ((layout.margin || {}).b || 80) + delta});
      layout.height = (layout.height || 450) + delta;
    }
  }

  // Text in a subplot's plot layer is clipped to that subplot's plotting area (cliponaxis)
  function clipBox(gd, t, box) {
    var sub = t.closest("g.subplot"), cls = sub && Array.prototype.filter.call(sub.classList, function (c) { return c !== "subplot"; })[0];
    var clipped = t.closest("[clip-path]");
    var drag = clipped && cls && gd.querySelector(".draglayer ." + cls + " .nsewdrag");
    return drag ? drag.getBoundingClientRect() : box;
  }

  // Measure what plotly drew: text that runs off the figure or into its neighbour is noted in
  // el.__dmnlabFix (wrap an annotation or an axis title, move an annotation in, hide crowded
  // slider labels, widen a slider's end pads, turn a row of buttons into a drop-down). Returns
  // whether anything new was noted (then the figure is drawn once more).
  function fit(el, gd) {
    var svg = gd.querySelector("svg.main-svg");
    if (!svg) return false;
    var box = svg.getBoundingClientRect(), fix = fixOf(el), changed = false, L = gd._fullLayout || {};
    var size = L._size || {w: box.width, h: box.height};
    if ((L.sliders || []).length || (L.updatemenus || []).length) {
      if (!fix.size || Math.abs(fix.size.l - size.l) > 2 || Math.abs(fix.size.w - size.w) > 2) {
        fix.size = {l: size.l, w: size.w};
        changed = true;
      }
    }
    gd.querySelectorAll("g.annotation").forEach(function (g) {
      var i = parseInt(g.getAttribute("data-index"), 10), t = g.querySelector("text");
      if (isNaN(i) || !t || fix.notes[i]) return;
      var r = t.getBoundingClientRect(), over = r.right - box.right + 2, under = box.left - r.left + 2;
      if (r.width === 0 || (over <= 2 && under <= 2) || r.width < r.height) return;  // fits, or turned on its side
      var a = (L.annotations || [])[i] || {};
      if (String(a.name || "").indexOf("dmnlab-label-") === 0) return;  // restack() wraps these
      if (/\s/.test(String(a.text || "").replace(/<[^>]*>/g, "")) && r.width - Math.max(over, under) > 60) {
        fix.notes[i] = {wrap: r.width - Math.max(over, under) - 6};
      } else {
        fix.notes[i] = {shift: over > 2 ? -over : under};
      }
      changed = true;
    });
    gd.querySelectorAll("text.xtitle, text[class$='title'][class^='x']").forEach(function (t) {
      var k = (t.getAttribute("class") || "").replace("title", "").replace(/^x/, "xaxis");
      if (fix.axes[k]) return;
      var r = t.getBoundingClientRect();
      if (r.right > box.right + 1 || r.left < box.left - 1) { fix.axes[k] = Math.max(80, size.w - 10); changed = true; }
    });
    gd.querySelectorAll("g.slider-group").forEach(function (g, i) {
      var f = fix.sliders[i] || {};
      var labs = Array.prototype.slice.call(g.querySelectorAll("g.slider-labels text")).filter(shown)
        .map(function (t) { return t.getBoundingClientRect(); }).sort(function (a, b) { return a.left - b.left; });
      if (!labs.length) return;
      for (var k = 1; k < labs.length; k++) {
        if (labs[k].left < labs[k - 1].right + 2 && !f.hide) { f.hide = true; changed = true; break; }
      }
      var l = box.left - labs[0].left + 2, r = labs[labs.length - 1].right - box.right + 2;
      if (l > 2) { f.l = (f.l || 0) + l; changed = true; }
      if (r > 2) { f.r = (f.r || 0) + r; changed = true; }
      fix.sliders[i] = f;
    });
    gd.querySelectorAll("g.updatemenu-header-group").forEach(function (g, i) {
      var um = (L.updatemenus || [])[i] || {}, r = g.getBoundingClientRect();
      if (r.right <= box.right + 1 || (fix.menus[i] && fix.menus[i].wrap)) return;
      // a row of buttons that does not fit becomes a drop-down; a drop-down too wide wraps its labels
      fix.menus[i] = um.type === "buttons" ? {dropdown: true} : {dropdown: true, wrap: Math.max(60, box.right - r.left - 40)};
      changed = true;
    });
    // trace text (a bar's label outside it, a scatter's text) running off the figure wraps
    gd.querySelectorAll("g.trace text.bartext, g.trace g.textpoint text").forEach(function (t) {
      var r = t.getBoundingClientRect(), over = r.right - clipBox(gd, t, box).right + 2;
      var g = t.closest("g.trace"), cd = g && g.__data__, i = cd && cd[0] && cd[0].trace ? cd[0].trace.index : -1;
      if (over <= 2 || i < 0) return;
      var avail = Math.max(30, r.width - over - 4);
      if (!fix.text[i] || avail < fix.text[i] - 1) { fix.text[i] = avail; changed = true; }
    });
    return changed;
  }

  // ------------------------------------------------------------------ drawing
  function widthOf(el) { return el.getBoundingClientRect().width || el.offsetWidth || 700; }

  // plotly names a 3-D scene's box after the scene ("scene"): two 3-D figures on a page would
  // share an id. Prefix such ids with the figure's own.
  function uniqueIds(el, gd) {
    gd.querySelectorAll("div[id^=scene]").forEach(function (n) {  // other ids are unique (plotly's uid)
      if (/^scene\d*$/.test(n.id)) n.id = el.id + "-" + n.id;
    });
  }

  // Draw (or redraw) with plotly, then make sure everything fits; at most three extra passes.
  function render(el, gd, P, make, fresh) {
    var f = make();
    var go = fresh ? P.newPlot(gd, f.data, f.layout, f.config) : P.react(gd, f.data, f.layout, f.config);
    return go.then(function again(_, n) {
      n = n || 0;
      uniqueIds(el, gd);
      if (n >= 3 || !fit(el, gd)) return gd;
      var g = make();
      return P.react(gd, g.data, g.layout, g.config).then(function () { return again(null, n + 1); });
    });
  }

  function drawFigure(el, s, P) {
    var gd = el.querySelector(".dmnlab-plot");
    gd.__dmnlabPlotly = P;
    var width = widthOf(gd);
    function make() { return {data: adaptData(el, s.data), layout: adapt(el, s.layout, s.data, width), config: s.config}; }
    el.__dmnlabRedraw = function (w) { width = w; el.__dmnlabFix = null; return render(el, gd, P, make, false); };
    el.__dmnlabWidth = width;
    return render(el, gd, P, make, true);
  }

  function controlsOf(s) {
    // older specs (sliders only) carry no kind/labels: read them off the sliders
    return (s.controls || []).map(function (c) {
      if (c.kind) return c;
      var sl = (s.layout.sliders || []).filter(function (x) { return x.name === c.name; })[0];
      return merge(c, {kind: "slider", labels: sl ? sl.steps.map(function (st) { return st.label; }) : []});
    });
  }

  var KEYS = [["ArrowLeft", "ArrowRight"], ["ArrowDown", "ArrowUp"], ["PageDown", "PageUp"]];
  var KEY_NAMES = ["left and right arrows", "up and down arrows", "page up and page down"];

  // Keyboard: the figure takes focus; left/right change the first control, up/down the second,
  // page up/down the third. The readout (aria-live) announces the new state.
  function keyboard(el, controls, idx, show) {
    if (!controls.length || el.__dmnlabKeys) return;
    el.__dmnlabKeys = true;
    var help = controls.slice(0, 3).map(function (c, k) { return KEY_NAMES[k] + " change " + c.label; }).join("; ");
    el.setAttribute("tabindex", "0");
    el.setAttribute("aria-label", (el.getAttribute("aria-label") || "") + " Keyboard: " + help + ".");
    el.addEventListener("keydown", function (ev) {
      if (ev.target !== el) return;  // a focused select or button inside keeps its own keys
      for (var k = 0; k < Math.min(3, controls.length); k++) {
        var d = ev.key === KEYS[k][0] ? -1 : (ev.key === KEYS[k][1] ? 1 : 0);
        if (!d) continue;
        var v = Math.max(0, Math.min(controls[k].labels.length - 1, idx[k] + d));
        ev.preventDefault();
        if (v !== idx[k]) { idx[k] = v; show(); }
        return;
      }
    });
  }

  function demoState(s, idx, lookups) {
    var st = s.states[idx.join(",")] || {data: [], layout: {}};
    var data = s.data.map(function (t, i) {
      return merge(t, expandLookups((st.data || [])[i] || {}, lookups));
    });
    return {data: data, layout: merge(s.layout, st.layout || {}), readout: st.readout || ""};
  }

  function drawDemo(el, s, P) {
    var gd = el.querySelector(".dmnlab-plot");
    gd.__dmnlabPlotly = P;
    var readout = el.querySelector(".dmnlab-readout");
    var controls = controlsOf(s);
    var names = controls.map(function (c) { return c.name; });
    var idx = controls.map(function (c) { return c.active; });
    var lookups = {};
    Object.keys(s.lookups || {}).forEach(function (k) { lookups[k] = decode(s.lookups[k]); });
    var width = widthOf(gd);
    function make() {
      var g = demoState(s, idx, lookups);
      var layout = g.layout;
      ["sliders", "updatemenus"].forEach(function (key) {
        if (layout[key]) layout[key] = layout[key].map(function (c) {
          var k = names.indexOf(c.name);
          return k < 0 ? c : merge(c, {active: idx[k]});
        });
      });
      if (readout) readout.textContent = g.readout;
      return {data: adaptData(el, g.data), layout: adapt(el, layout, g.data, width), config: s.config};
    }
    function show() {
      return render(el, gd, P, make, false).then(function () {
        gd.dispatchEvent(new CustomEvent("dmnlab:updated", {detail: {state: idx.join(",")}}));
      });
    }
    el.__dmnlabRedraw = function (w) { width = w; el.__dmnlabFix = null; return show(); };
    el.__dmnlabWidth = width;
    keyboard(el, controls, idx, show);
    return render(el, gd, P, make, true).then(function () {
      function pick(name, value) {
        var k = names.indexOf(name);
        if (k < 0 || isNaN(value) || value === idx[k]) return;
        idx[k] = value;
        show();
      }
      gd.on("plotly_sliderchange", function (ev) { pick(ev.slider.name, parseInt(ev.step.value, 10)); });
      gd.on("plotly_buttonclicked", function (ev) {
        pick(ev.menu.name, typeof ev.active === "number" ? ev.active : parseInt(ev.button.name, 10));
      });
    });
  }

  // A figure made only of tables becomes an HTML table: readable on a phone (it scrolls
  // sideways inside its box), header cells tied to their columns, no plotly to load.
  var nTables = 0;
  function tableRows(trace) {
    var head = ((trace.header || {}).values || []).map(function (h) { return Array.isArray(h) ? h.join(" ") : h; });
    var cols = ((trace.cells || {}).values || []).map(function (c) { var d = decode(c); return Array.prototype.slice.call(d || []); });
    var n = cols.reduce(function (m, c) { return Math.max(m, c.length); }, 0);
    var rows = [];
    for (var r = 0; r < n; r++) rows.push(cols.map(function (c) { return c[r] === undefined ? "" : c[r]; }));
    return {head: head, rows: rows};
  }
  function fillTable(table, trace, title) {
    var t = tableRows(trace);
    var html = title ? "<caption>" + richText(title) + "</caption>" : "";
    html += "<thead><tr>" + t.head.map(function (h) { return '<th scope="col">' + richText(h) + "</th>"; }).join("") + "</tr></thead><tbody>";
    html += t.rows.map(function (row) {
      return "<tr>" + row.map(function (v) { return "<td>" + richText(v) + "</td>"; }).join("") + "</tr>";
    }).join("") + "</tbody>";
    table.innerHTML = html;
  }
  function drawTable(el, s) {
    var box = el.querySelector(".dmnlab-plot");
    var readout = el.querySelector(".dmnlab-readout");
    var controls = s.states ? controlsOf(s) : [];
    var idx = controls.map(function (c) { return c.active; });
    var wrap = document.createElement("div");
    wrap.className = "dmnlab-table-wrap";
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    var table = document.createElement("table");
    table.className = "dmnlab-htable";
    wrap.appendChild(table);
    function render() {
      var g = s.states ? demoState(s, idx, {}) : {data: s.data, layout: s.layout, readout: ""};
      fillTable(table, g.data[0], titleText(g.layout));
      wrap.setAttribute("aria-label", titleText(g.layout).replace(/<[^>]*>/g, "") || "table (scrolls)");
      if (readout) readout.textContent = g.readout;
    }
    if (controls.length) {
      var form = document.createElement("div");
      form.className = "dmnlab-controls";
      controls.forEach(function (c, k) {
        var id = "dmnlab-ctl-" + (++nTables);
        var label = document.createElement("label");
        label.setAttribute("for", id);
        label.textContent = c.label + ": ";
        var sel = document.createElement("select");
        sel.id = id;
        c.labels.forEach(function (l, i) {
          var o = document.createElement("option");
          o.value = String(i);
          o.textContent = l;
          if (i === idx[k]) o.selected = true;
          sel.appendChild(o);
        });
        sel.addEventListener("change", function () {
          idx[k] = parseInt(sel.value, 10);
          render();
          el.dispatchEvent(new CustomEvent("dmnlab:updated", {detail: {state: idx.join(",")}}));
        });
        label.appendChild(sel);
        form.appendChild(label);
      });
      box.appendChild(form);
    }
    box.appendChild(wrap);
    render();
    return Promise.resolve();
  }

  // ------------------------------------------------------------------ when to draw
  var figures = [];
  function draw(el) {
    if (el.__dmnlabDrawing) return el.__dmnlabDrawing;
    var bundle = el.getAttribute("data-plotly") || "full";
    var demo = el.classList.contains("dmnlab-demo");
    el.__dmnlabDrawing = getSpec(el).then(function (s) {
      if (bundle === "table") return drawTable(el, s);
      return plotly(bundle).then(function (P) {
        return frame().then(function () { return demo ? drawDemo(el, s, P) : drawFigure(el, s, P); });
      });
    }).then(function () {
      el.setAttribute("data-dmnlab-drawn", "1");
      var box = el.querySelector(".dmnlab-plot");
      if (box) box.style.minHeight = "";
    }, function (err) {
      var box = el.querySelector(".dmnlab-plot");
      if (box) box.textContent = "This figure could not be drawn (" + err.message + ").";
      console.error("dmnlab:", err);
    });
    return el.__dmnlabDrawing;
  }
  var observer = ("IntersectionObserver" in window) ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { observer.unobserve(e.target); draw(e.target); }
    });
  }, {rootMargin: AHEAD}) : null;

  function register(el) {
    if (el.__dmnlabSeen) return;
    el.__dmnlabSeen = true;
    figures.push(el);
    if (observer) observer.observe(el); else draw(el);
  }
  function scan() {
    document.querySelectorAll("figure.dmnlab-figure[data-plotly], figure.dmnlab-demo[data-plotly]").forEach(register);
  }
  function drawAll() {
    scan();
    return Promise.all(figures.map(draw));
  }
  // a phone turned sideways: figures whose compact layout no longer fits are laid out again
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      figures.forEach(function (el) {
        if (!el.__dmnlabRedraw) return;
        var w = widthOf(el.querySelector(".dmnlab-plot"));
        if ((w < NARROW) !== (el.__dmnlabWidth < NARROW) || Math.abs(w - el.__dmnlabWidth) > 40) {
          el.__dmnlabWidth = w;
          el.__dmnlabRedraw(w);
        }
      });
    }, 250);
  });
  window.addEventListener("beforeprint", drawAll);

  window.dmnlab = {
    drawAll: drawAll,
    draw: draw,
    plotlyOf: function (gd) { return gd.__dmnlabPlotly || window.Plotly; },
  };
  function start() {
    scan();
    // page.html?dmnlab-draw=all draws every figure at once (checkers and printers that read the
    // page without scrolling it); <html data-dmnlab-drawn-all> says when they are all drawn
    if (/[?&]dmnlab-draw=all\b/.test(window.location.search)) {
      drawAll().then(function () { document.documentElement.setAttribute("data-dmnlab-drawn-all", "1"); });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
