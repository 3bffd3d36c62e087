// forewarn default theme: small enhancements; every page works without it.
(function () {
  "use strict";
  var doc = document;
  var lang = doc.documentElement.lang || undefined;
  var script = doc.currentScript;

  // The words for what this script writes: the theme's `js_*` labels in
  // the language of this copy of the script (forewarn writes them in for
  // each language); English where one is missing.
  var L = null /* forewarn: labels */ || {};
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return values.hasOwnProperty(k) ? String(values[k]) : m; });
  }
  // A label with a count: `one` and `other` are its `_one` and `_other`
  // forms; a language with more plural forms (CLDR: zero, two, few, many)
  // adds them as `<key>_few` etc. to its labels.
  var rules = null;
  try { rules = new Intl.PluralRules(lang); } catch (e) { rules = null; }
  function plural(n, key, one, other) {
    var form = rules ? rules.select(n) : (n === 1 ? "one" : "other");
    var text = L[key + "_" + form] || (form === "one" ? one : other);
    return fill(text, { n: n });
  }

  // Every time is shown in the site's zone, with the zone named. Where the
  // reader's zone differs at that moment, their local time goes beside it.
  function offsetOf(iso) {
    var m = /([+-])(\d\d):(\d\d)$/.exec(iso || "");
    if (!m) { return /Z$/.test(iso || "") ? 0 : null; }
    var v = Number(m[2]) * 60 + Number(m[3]);
    return m[1] === "-" ? -v : v;
  }
  var full = null, clock = null, day = null;
  try {
    full = new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
    clock = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
    day = new Intl.DateTimeFormat(lang, { year: "numeric", month: "2-digit", day: "2-digit" });
  } catch (e) { full = null; }
  if (full) {
    doc.querySelectorAll("time[data-local]").forEach(function (t) {
      var iso = t.getAttribute("datetime");
      var d = new Date(iso);
      var site = offsetOf(iso);
      if (isNaN(d) || site === null || site === -d.getTimezoneOffset()) { return; }
      var text = full.format(d);
      var end = t.getAttribute("data-end") ? new Date(t.getAttribute("data-end")) : null;
      if (end && !isNaN(end)) {
        text += "–" + (day.format(end) === day.format(d) ? clock.format(end) : full.format(end));
      }
      var span = doc.createElement("span");
      span.className = "local-time";
      span.textContent = " " + fill(L.js_your_time || "(your time: {time})", { time: text });
      t.parentNode.insertBefore(span, t.nextSibling);
    });
  }

  // Countdowns, computed from the reader's clock.
  var now = Date.now();
  doc.querySelectorAll("[data-countdown]").forEach(function (el) {
    var t = Date.parse(el.getAttribute("data-countdown"));
    if (isNaN(t) || el.closest(".state-ended")) { return; }
    var diff = t - now, abs = Math.abs(diff), dayMs = 864e5, hour = 36e5;
    if (abs < hour) {
      el.textContent = diff >= 0 ? L.js_countdown_within_hour || "within the hour"
        : L.js_countdown_less_than_hour_ago || "less than an hour ago";
      return;
    }
    var days = Math.floor(abs / dayMs), hours = Math.floor(abs / hour);
    if (diff >= 0 && days) {
      el.textContent = plural(days, "js_countdown_in_days",
        L.js_countdown_in_days_one || "in {n} day", L.js_countdown_in_days_other || "in {n} days");
    } else if (diff >= 0) {
      el.textContent = plural(hours, "js_countdown_in_hours",
        L.js_countdown_in_hours_one || "in {n} hour", L.js_countdown_in_hours_other || "in {n} hours");
    } else if (days) {
      el.textContent = plural(days, "js_countdown_ago_days",
        L.js_countdown_ago_days_one || "took effect {n} day ago", L.js_countdown_ago_days_other || "took effect {n} days ago");
    } else {
      el.textContent = plural(hours, "js_countdown_ago_hours",
        L.js_countdown_ago_hours_one || "took effect {n} hour ago", L.js_countdown_ago_hours_other || "took effect {n} hours ago");
    }
  });

  // Filters: by area, audience, impact, kind and state, over notices and
  // improvements, kept in the URL query so a filtered view can be shared
  // and survives reload and back/forward.
  var form = doc.querySelector(".filter-form");
  if (form) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var param = { areas: "area", area: "area", audiences: "audience", audience: "audience",
      impact: "impact", kind: "kind", state: "state" };
    var status = doc.getElementById("filter-status") || form.querySelector(".filter-count");
    form.hidden = false;
    var words = function (el, a) { return " " + (el.getAttribute("data-" + a) || el.getAttribute("data-" + a + "s") || "") + " "; };
    var matches = function (el, key, v) {
      if (key === "area" || key === "audience") { return words(el, key).indexOf(" " + v + " ") >= 0; }
      return el.getAttribute("data-" + key) === v;
    };
    var read = function () {
      var q = new URLSearchParams(location.search);
      selects.forEach(function (s) {
        var v = q.get(param[s.getAttribute("data-filter")]) || "";
        s.value = Array.prototype.some.call(s.options, function (o) { return o.value === v; }) ? v : "";
      });
    };
    var write = function () {
      var q = new URLSearchParams(location.search);
      selects.forEach(function (s) {
        var k = param[s.getAttribute("data-filter")];
        if (s.value) { q.set(k, s.value); } else { q.delete(k); }
      });
      var qs = q.toString();
      history.pushState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
    };
    var apply = function () {
      var want = [];
      selects.forEach(function (s) { if (s.value) { want.push([param[s.getAttribute("data-filter")], s.value]); } });
      var notices = 0, improvements = 0;
      doc.querySelectorAll("[data-kind], .card").forEach(function (el) {
        var ok = want.every(function (w) { return matches(el, w[0], w[1]); });
        el.hidden = !ok;
        if (ok) { if (el.getAttribute("data-kind") === "improvement") { improvements++; } else { notices++; } }
      });
      doc.querySelectorAll("[data-group], .group, .month-group").forEach(function (g) {
        g.hidden = want.length > 0 && !g.querySelector("[data-kind]:not([hidden]), .card:not([hidden])");
      });
      if (!status) { return; }
      if (!want.length) { status.textContent = ""; return; }
      if (!notices && !improvements) {
        status.textContent = L.js_filter_none || "Nothing matches these filters. Clear one to see more.";
        return;
      }
      var ofNotices = notices && plural(notices, "js_filter_notices",
        L.js_filter_notices_one || "{n} notice", L.js_filter_notices_other || "{n} notices");
      var ofImprovements = improvements && plural(improvements, "js_filter_improvements",
        L.js_filter_improvements_one || "{n} improvement", L.js_filter_improvements_other || "{n} improvements");
      var found = ofNotices && ofImprovements
        ? fill(L.js_filter_both || "{notices} and {improvements}", { notices: ofNotices, improvements: ofImprovements })
        : ofNotices || ofImprovements;
      status.textContent = fill(plural(notices + improvements, "js_filter_match",
        L.js_filter_match_one || "{found} matches", L.js_filter_match_other || "{found} match"), { found: found });
    };
    selects.forEach(function (s) { s.addEventListener("change", function () { write(); apply(); }); });
    window.addEventListener("popstate", function () { read(); apply(); });
    read();
    apply();
  }

  // Search: a static index (search.json beside this script), loaded on the
  // first keystroke and matched here; results are links, arrow keys move
  // between them, Enter opens one, Escape closes the list.
  var box = doc.getElementById("site-search");
  var list = doc.getElementById("search-results");
  var pageList = doc.getElementById("search-page-results");
  if (!box || !script) { return; }
  var indexUrl = script.src.replace(/site\.js(\?.*)?$/, "search.json");
  var entries = null, loading = null;
  var load = function () {
    if (!loading) {
      loading = fetch(indexUrl).then(function (r) { return r.json(); }).then(function (d) {
        entries = d.map(function (e) { e.h = (e.t + " " + e.s + " " + e.f + " " + e.k).toLowerCase(); return e; });
      }).catch(function () { entries = []; });
    }
    return loading;
  };
  var find = function (q, max) {
    var terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length || !entries) { return []; }
    var hits = [];
    entries.forEach(function (e) {
      if (!terms.every(function (t) { return e.h.indexOf(t) >= 0; })) { return; }
      var title = e.t.toLowerCase();
      var score = terms.reduce(function (s, t) { return s + (title.indexOf(t) >= 0 ? 2 : 0); }, 0);
      hits.push([score, e]);
    });
    hits.sort(function (a, b) { return b[0] - a[0]; });
    return hits.slice(0, max).map(function (h) { return h[1]; });
  };
  var option = function (e, i, tag) {
    var el = doc.createElement(tag);
    var a = doc.createElement("a");
    a.href = e.u;
    a.id = "search-result-" + i;
    var t = doc.createElement("span");
    t.className = "search-title";
    t.textContent = e.t;
    var m = doc.createElement("span");
    m.className = "search-meta";
    m.textContent = e.k + " · " + e.d + (e.f ? " · " + e.f : "");
    a.appendChild(t);
    a.appendChild(m);
    el.appendChild(a);
    return el;
  };
  var active = -1;
  box.setAttribute("role", "combobox");
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-expanded", "false");
  if (list) {
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", L.js_search_results || "Search results");
    box.setAttribute("aria-controls", "search-results");
  }
  var close = function () {
    if (!list) { return; }
    list.hidden = true;
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
    active = -1;
  };
  var show = function () {
    if (!list) { return; }
    var q = box.value.trim();
    if (!q) { close(); return; }
    load().then(function () {
      if (box.value.trim() !== q) { return; }
      var hits = find(q, 8);
      list.textContent = "";
      active = -1;
      if (!hits.length) {
        var none = doc.createElement("p");
        none.className = "search-none";
        none.textContent = fill(L.js_search_none || "No notice or improvement matches “{query}”.", { query: q });
        list.appendChild(none);
      }
      hits.forEach(function (e, i) {
        var el = option(e, i, "div");
        el.firstChild.setAttribute("role", "option");
        el.firstChild.setAttribute("aria-selected", "false");
        el.setAttribute("role", "none");
        list.appendChild(el);
      });
      list.hidden = false;
      box.setAttribute("aria-expanded", "true");
    });
  };
  var move = function (by) {
    var links = list ? list.querySelectorAll("a") : [];
    if (!links.length) { return; }
    if (active >= 0) { links[active].setAttribute("aria-selected", "false"); }
    active = (active + by + links.length) % links.length;
    links[active].setAttribute("aria-selected", "true");
    box.setAttribute("aria-activedescendant", links[active].id);
    links[active].scrollIntoView({ block: "nearest" });
  };
  box.addEventListener("input", show);
  box.addEventListener("focus", function () { load(); });
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); move(1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); move(-1); }
    else if (ev.key === "Escape") { close(); }
    else if (ev.key === "Enter" && active >= 0 && list) {
      ev.preventDefault();
      list.querySelectorAll("a")[active].click();
    }
  });
  doc.addEventListener("click", function (ev) {
    if (list && !list.contains(ev.target) && ev.target !== box) { close(); }
  });
  // The search page (the box's action without script): every hit for ?q=.
  if (pageList) {
    var q = new URLSearchParams(location.search).get("q") || "";
    var pageStatus = doc.getElementById("search-page-status");
    box.value = q;
    if (q.trim()) {
      load().then(function () {
        var hits = find(q, 200);
        var said = hits.length ? plural(hits.length, "js_search_count",
          L.js_search_count_one || "{n} result for “{query}”", L.js_search_count_other || "{n} results for “{query}”")
          : L.js_search_none || "No notice or improvement matches “{query}”.";
        pageStatus.textContent = fill(said, { query: q });
        hits.forEach(function (e, i) { pageList.appendChild(option(e, i, "li")); });
      });
    }
  }
})();
