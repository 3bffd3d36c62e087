// forewarn in-app banner. A product embeds it with one tag:
//   <script src="https://changes.example.com/banner.js" data-audience="api-users" async></script>
// data-audience and data-area (comma-separated slugs or names) choose what
// shows; data-days (default 14) how far ahead. It shows upcoming high and
// breaking changes, and maintenance windows ahead or under way, in its own
// shadow root, styled by a constructed stylesheet (no inline style), with
// no request, no cookie and no global name of its own; a dismissal is
// remembered in localStorage per notice and date, so a rescheduled change
// shows again. `forewarn build` puts the site's data (as in banner.json) in
// place of the `null` at the end.
(function (data) {
  "use strict";
  var DAY = 864e5;
  var SHOWN = 3;
  var script = document.currentScript;
  // The site's words (banner.json's `labels`: the theme's `banner_*`
  // labels in the site's language); English where one is missing.
  var L = (data && data.labels) || {};

  var CSS = [
    ":host{all:initial;display:block;contain:content}",
    ":host([hidden]){display:none}",
    ".banner{box-sizing:border-box;margin:.5rem;padding-block:.25rem;padding-inline:.875rem .5rem;",
    "font:1rem/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;",
    "color:#1b1f24;background:#fff;border:1px solid #d0d7de;border-inline-start:.375rem solid #0550ae;",
    "border-radius:.375rem;animation:enter .2s ease-out}",
    ".banner.urgent{border-inline-start-color:#a40e26}",
    "ul{list-style:none;margin:0;padding:0}",
    "li{display:flex;align-items:flex-start;gap:.5rem;padding:.25rem 0}",
    "li+li{border-top:1px solid #d0d7de}",
    ".text{flex:1 1 auto;min-width:0;padding:.375rem 0;overflow-wrap:anywhere}",
    ".badge{display:inline-block;margin:0;margin-inline-end:.5rem;margin-block-end:.125rem;padding:0 .5rem;border-radius:1rem;",
    "font-size:.8125rem;font-weight:600;line-height:1.6;white-space:nowrap;vertical-align:.0625rem}",
    ".breaking{background:#a40e26;color:#fff}",
    ".high{background:#ffebe9;color:#a40e26}",
    ".maintenance{background:#ddf4ff;color:#0a3069}",
    "a{color:#0550ae;font-weight:600;text-decoration:underline;text-underline-offset:.15em}",
    "a:hover{text-decoration-thickness:.125em}",
    ".when{display:block;color:#57606a;font-size:.875rem}",
    "button{flex:none;box-sizing:border-box;width:2.75rem;height:2.75rem;min-width:44px;min-height:44px;",
    "margin:0;padding:0;border:1px solid transparent;border-radius:.375rem;background:transparent;",
    "color:inherit;font:inherit;font-size:1.5rem;line-height:1;cursor:pointer}",
    "button:hover{background:#f6f8fa;border-color:#d0d7de}",
    "a:focus-visible,button:focus-visible{outline:3px solid #0550ae;outline-offset:2px}",
    "@media (prefers-color-scheme:dark){",
    ".banner{color:#e6edf3;background:#161b22;border-color:#30363d;border-inline-start-color:#79c0ff}",
    ".banner.urgent{border-inline-start-color:#ff7b72}",
    "li+li{border-top-color:#30363d}",
    ".breaking{background:#ff7b72;color:#0d1117}",
    ".high{background:#5a0a14;color:#ffb1ad}",
    ".maintenance{background:#0c2d6b;color:#cae8ff}",
    "a{color:#79c0ff}",
    ".when{color:#9da7b3}",
    "button:hover{background:#21262d;border-color:#30363d}",
    "a:focus-visible,button:focus-visible{outline-color:#79c0ff}}",
    "@media (forced-colors:active){.badge{border:1px solid CanvasText}}",
    "@media (prefers-reduced-motion:reduce){.banner{animation:none}}",
    "@keyframes enter{from{opacity:0;transform:translateY(-.25rem)}to{opacity:1;transform:none}}"
  ].join("");

  // Letters and digits only, lower case: `API users`, `api-users` and
  // `api_users` are one name, as the site's facet pages have it.
  function key(s) {
    return String(s).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  }

  function wanted(name) {
    var v = script && script.getAttribute(name);
    return v ? v.split(",").map(key).filter(Boolean) : [];
  }

  function matches(facets, want) {
    if (!want.length) { return true; }
    return (facets || []).some(function (f) {
      return want.indexOf(key(f.slug)) >= 0 || want.indexOf(key(f.name)) >= 0;
    });
  }

  // Due now: takes effect within `days`, or a maintenance window under way.
  function due(n, now, days) {
    var start = Date.parse(n.effective);
    var end = n.ends ? Date.parse(n.ends) : NaN;
    if (isNaN(start)) { return false; }
    if (now < start) { return start - now <= days * DAY; }
    return n.kind === "maintenance" && now < end;
  }

  function id(n) {
    return n.slug + "|" + n.effective + "|" + (n.ends || "");
  }

  // Storage may be blocked (a sandboxed frame, strict privacy settings):
  // then a dismissal lasts as long as the page.
  var store = "forewarn-banner:" + data.site.url;
  function dismissed() {
    try {
      var list = JSON.parse(window.localStorage.getItem(store) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }
  function remember(list) {
    var known = data.notices.map(id);
    try {
      window.localStorage.setItem(store, JSON.stringify(list.filter(function (x) { return known.indexOf(x) >= 0; })));
    } catch (e) { /* kept for this page only */ }
  }

  // Times in the reader's zone; a date alone as the site's zone has it.
  function format(iso, how) {
    var d = new Date(iso);
    var date = { weekday: "short", day: "numeric", month: "short", year: "numeric" };
    var time = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" };
    var opts = how === "date" ? Object.assign(date, { timeZone: data.site.timezone })
      : how === "time" ? time : Object.assign(date, time);
    try {
      return new Intl.DateTimeFormat(data.site.language || undefined, opts).format(d);
    } catch (e) {
      return how === "date" ? iso.slice(0, 10) : d.toUTCString();
    }
  }

  // "in 4 days", "tomorrow", "in 3 hours" (empty where unsupported).
  function relative(ms) {
    try {
      var rtf = new Intl.RelativeTimeFormat(data.site.language || undefined, { numeric: "auto" });
      return ms < DAY ? rtf.format(Math.max(1, Math.round(ms / 36e5)), "hour") : rtf.format(Math.round(ms / DAY), "day");
    } catch (e) {
      return "";
    }
  }

  function el(name, attrs, text) {
    var e = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }

  function time(iso, how) {
    return el("time", { datetime: iso }, format(iso, how));
  }

  // Appends `text` to `parent`, each {name} in it replaced by parts[name]
  // (a string, a node or a list of them); the words around stay text.
  function fill(parent, text, parts) {
    var add = function (x) {
      if (Array.isArray(x)) { x.forEach(add); } else if (x) {
        parent.appendChild(typeof x === "string" ? document.createTextNode(x) : x);
      }
    };
    text.split(/(\{\w+\})/).forEach(function (piece) {
      var name = /^\{(\w+)\}$/.exec(piece);
      add(name && Object.prototype.hasOwnProperty.call(parts, name[1]) ? parts[name[1]] : piece);
    });
  }

  function item(n, now, onDismiss) {
    var underWay = Date.parse(n.effective) <= now;
    var maintenance = n.kind === "maintenance";
    var badge = maintenance
      ? (underWay ? L.banner_maintenance_now || "Maintenance now" : L.banner_maintenance || "Maintenance")
      : n.impact === "breaking" ? L.banner_breaking || "Breaking change" : L.banner_high || "High impact";
    var li = el("li");
    var text = el("div", { class: "text" });
    text.appendChild(el("span", { class: "badge " + (maintenance ? "maintenance" : n.impact) }, badge));
    // A notice not yet translated is shown in its own language.
    text.appendChild(el("a", n.lang ? { href: n.url, lang: n.lang, dir: "auto" } : { href: n.url }, n.title));
    var when = el("span", { class: "when" });
    var start = n.date_only ? "date" : "datetime";
    var soon = relative(Date.parse(n.effective) - now);
    if (underWay) {
      fill(when, L.banner_under_way_until || "Under way until {time}", {
        time: time(n.ends, new Date(now).toDateString() === new Date(n.ends).toDateString() ? "time" : "datetime")
      });
    } else if (maintenance && n.ends) {
      var sameDay = new Date(n.effective).toDateString() === new Date(n.ends).toDateString();
      var range = [time(n.effective, start), " \u2013 ", time(n.ends, sameDay && !n.date_only ? "time" : "datetime")];
      fill(when, soon ? L.banner_starts || "Starts {relative}: {time}" : L.banner_starts_at || "Starts {time}",
        { relative: soon, time: range });
    } else {
      fill(when, soon ? L.banner_takes_effect || "Takes effect {relative}: {time}" : L.banner_takes_effect_at || "Takes effect {time}",
        { relative: soon, time: time(n.effective, start) });
    }
    text.appendChild(when);
    li.appendChild(text);
    var dismiss = L.banner_dismiss_notice || "Dismiss: {title}";
    var button = el("button", {
      type: "button",
      "aria-label": dismiss.split("{title}").join(n.title),
      title: L.banner_dismiss || "Dismiss"
    }, "\u00d7");
    button.addEventListener("click", function () { onDismiss(n, li); });
    li.appendChild(button);
    return li;
  }

  function style(root) {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      // No constructed stylesheets (an old browser): a <style>, which a
      // strict style-src may refuse; the banner still works unstyled.
      root.appendChild(el("style", {}, CSS));
    }
  }

  function show() {
    var now = Date.now();
    var days = parseFloat(script && script.getAttribute("data-days"));
    if (!(days >= 0)) { days = 14; }
    var audience = wanted("data-audience");
    var area = wanted("data-area");
    var gone = dismissed();
    var due_ = data.notices.filter(function (n) {
      return due(n, now, days) && matches(n.audience, audience) && matches(n.areas, area) && gone.indexOf(id(n)) < 0;
    });
    if (!due_.length) { return; }
    var host = document.createElement("forewarn-banner");
    var root = host.attachShadow({ mode: "open" });
    style(root);
    var urgent = due_.slice(0, SHOWN).some(function (n) { return n.kind !== "maintenance" || Date.parse(n.effective) <= now; });
    var region = el("div", {
      role: "region",
      "aria-label": data.site.title || L.banner_region || "Change notices",
      lang: data.site.language || "en",
      class: urgent ? "banner urgent" : "banner"
    });
    if (data.site.dir) { region.setAttribute("dir", data.site.dir); }
    var list = el("ul");
    var queue = due_.slice();
    function dismiss(n, li) {
      gone.push(id(n));
      remember(dismissed().concat(gone));
      var at = Array.prototype.indexOf.call(list.children, li);
      list.removeChild(li);
      queue.splice(queue.indexOf(n), 1);
      // One that was held back takes the freed place.
      if (queue.length >= SHOWN) { list.appendChild(item(queue[SHOWN - 1], now, dismiss)); }
      if (!list.children.length) {
        host.remove();
        return;
      }
      // Focus stays in the banner: on the item now in the same place.
      list.children[Math.min(at, list.children.length - 1)].querySelector("button").focus();
    }
    queue.slice(0, SHOWN).forEach(function (n) { list.appendChild(item(n, now, dismiss)); });
    region.appendChild(list);
    root.appendChild(region);
    var body = document.body;
    if (script && script.parentNode && body.contains(script)) {
      script.parentNode.insertBefore(host, script);
    } else {
      body.insertBefore(host, body.firstChild);
    }
  }

  function safely() {
    try { show(); } catch (e) { /* never break the host page */ }
  }

  if (!data || !Array.isArray(data.notices) || !data.site || typeof document.createElement("div").attachShadow !== "function") {
    return;
  }
  if (document.body) {
    safely();
  } else {
    document.addEventListener("DOMContentLoaded", safely);
  }
})(null /* forewarn: banner data */);
