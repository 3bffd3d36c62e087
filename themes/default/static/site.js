// forewarn default theme: small enhancements; every page works without it.
(function () {
  "use strict";
  // Show exact times in the reader's own time zone (the site zone without JS).
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* old browser */ }
  var fmt;
  try {
    fmt = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      weekday: "long", day: "numeric", month: "long", year: "numeric",
      hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    });
  } catch (e) { fmt = null; }
  if (fmt) {
    document.querySelectorAll("time[data-local]").forEach(function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d)) { t.title = t.textContent; t.textContent = fmt.format(d); }
    });
    var note = document.querySelector(".local-zone");
    if (note && zone) { note.textContent = " (exact times in your zone, " + zone + ")"; note.hidden = false; }
  }
  // Countdowns, computed from the reader's clock.
  var now = Date.now();
  document.querySelectorAll("[data-countdown]").forEach(function (el) {
    var t = Date.parse(el.getAttribute("data-countdown"));
    if (isNaN(t)) { return; }
    var diff = t - now, abs = Math.abs(diff), day = 864e5, hour = 36e5;
    var n = abs >= day ? Math.floor(abs / day) : Math.floor(abs / hour);
    var unit = abs >= day ? "day" : "hour";
    var words = n + " " + unit + (n === 1 ? "" : "s");
    if (abs < hour) { el.textContent = diff >= 0 ? "within the hour" : "less than an hour ago"; return; }
    var card = el.closest(".state-ended");
    if (card) { return; }
    el.textContent = diff >= 0 ? "in " + words : "took effect " + words + " ago";
  });
  // Filters on the index page.
  var form = document.querySelector(".filter-form");
  if (!form) { return; }
  form.hidden = false;
  var selects = form.querySelectorAll("select");
  var count = form.querySelector(".filter-count");
  function apply() {
    var want = {};
    selects.forEach(function (s) { want[s.getAttribute("data-filter")] = s.value; });
    var shown = 0;
    document.querySelectorAll(".card").forEach(function (c) {
      var ok = (!want.areas || (" " + c.getAttribute("data-areas") + " ").indexOf(" " + want.areas + " ") >= 0) &&
        (!want.audiences || (" " + c.getAttribute("data-audiences") + " ").indexOf(" " + want.audiences + " ") >= 0) &&
        (!want.impact || c.getAttribute("data-impact") === want.impact);
      c.hidden = !ok;
      if (ok) { shown++; }
    });
    document.querySelectorAll(".group").forEach(function (g) {
      g.hidden = !g.querySelector(".card:not([hidden])");
    });
    var any = want.areas || want.audiences || want.impact;
    if (count) { count.textContent = any ? shown + " matching notices" : ""; }
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
})();
