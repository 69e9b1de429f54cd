/* prayerfeed widget. Paste on any page:
 *
 *   <div data-prayerfeed data-count="5" data-kind="prayer" data-partner="ijm"></div>
 *   <script src="https://prayer.example/embed.js" async></script>
 *
 * Every element with data-prayerfeed gets the latest points. data-count
 * (1-50, default 5), data-kind (prayer or praise) and data-partner (ids,
 * separated by spaces or commas) are optional. data-this-week shows this
 * week's rotation instead: a "This week we are praying for ..." heading over
 * those partners' points (still filtered by data-kind and data-partner).
 *
 * The points come from embed-data.js files beside this script, loaded as
 * scripts, not fetched: a script loads from any host, so the widget works
 * from a static build on GitHub Pages or any shared host without a CORS
 * header. They push plain data onto window.prayerfeedData.
 *
 * Inside the iframe widget (/embed) the same script posts the page's height
 * to the parent page, and, in a static build that could not read the query
 * on the server, renders the points the query asks for.
 *
 * Partner text is hostile by assumption: the DOM is built with textContent
 * and checked links only, never innerHTML. No cookies are sent, and the
 * widget takes the host page's fonts and colours.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var maxCount = 50;
  var kindTitles = { prayer: "Prayer", praise: "Praise" };
  var css =
    ".prayerfeed-list{list-style:none;margin:0;padding:0}" +
    ".prayerfeed-item{margin:0 0 .75em}" +
    ".prayerfeed-meta{margin:0;font-size:.875em;opacity:.8}" +
    ".prayerfeed-text,.prayerfeed-link{margin:0}" +
    ".prayerfeed-week{margin:0 0 .5em;font-weight:bold}";

  // Data files: each partner id ("" for the root file) maps to a promise
  // of its data, resolved when the file pushes it.
  var queue = (window.prayerfeedData = window.prayerfeedData || []);
  var waiting = {};
  var loaded = {};
  function receive(d) {
    if (!d || typeof d.partner !== "string") {
      return;
    }
    loaded[d.partner] = d;
    if (waiting[d.partner]) {
      waiting[d.partner].resolve(d);
    }
  }
  for (var q = 0; q < queue.length; q++) {
    receive(queue[q]);
  }
  var push = queue.push;
  queue.push = function () {
    for (var i = 0; i < arguments.length; i++) {
      receive(arguments[i]);
    }
    return push.apply(queue, arguments);
  };

  function dataURL(partner) {
    return new URL((partner ? "partners/" + encodeURIComponent(partner) + "/" : "") + "embed-data.js", script.src).href;
  }

  function load(partner) {
    if (loaded[partner]) {
      return Promise.resolve(loaded[partner]);
    }
    if (!waiting[partner]) {
      var w = {};
      w.promise = new Promise(function (resolve, reject) {
        w.resolve = resolve;
        w.reject = reject;
      });
      waiting[partner] = w;
      var s = document.createElement("script");
      s.src = dataURL(partner);
      s.async = true;
      s.onerror = function () {
        w.reject(new Error("could not load " + s.src));
      };
      s.onload = function () {
        // A file that loaded but pushed nothing (not ours, or an old
        // build) resolves empty rather than hanging.
        w.resolve(loaded[partner] || { partner: partner, items: [] });
      };
      (document.head || document.documentElement).appendChild(s);
    }
    return waiting[partner].promise;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  // safeURL returns u when it is an http(s) URL, so a javascript: link in a
  // partner's feed is never made clickable.
  function safeURL(u) {
    try {
      var parsed = new URL(u);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") {
        return parsed.href;
      }
    } catch (e) {}
    return "";
  }

  function addStyle() {
    if (document.getElementById("prayerfeed-style")) {
      return;
    }
    var style = el("style", "", css);
    style.id = "prayerfeed-style";
    (document.head || document.documentElement).appendChild(style);
  }

  function formatDate(s) {
    var d = new Date(s);
    if (isNaN(d.getTime())) {
      return "";
    }
    // "22 November 2026", as the wall and the iframe write dates.
    return d.toLocaleDateString("en-GB", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  }

  function linkTo(href, text) {
    var a = el("a", "", text);
    a.href = href;
    a.rel = "noopener";
    return a;
  }

  function renderItem(item) {
    var li = el("li", "prayerfeed-item prayerfeed-" + item.kind);
    var meta = el("p", "prayerfeed-meta");
    meta.appendChild(el("strong", "prayerfeed-kind", kindTitles[item.kind] || item.kind));
    if (item.partner) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", "prayerfeed-partner", item.partner));
    }
    var date = formatDate(item.date);
    if (date) {
      meta.appendChild(document.createTextNode(" · "));
      var time = el("time", "prayerfeed-date", date);
      time.setAttribute("datetime", item.date);
      meta.appendChild(time);
    }
    li.appendChild(meta);
    li.appendChild(el("p", "prayerfeed-text", item.text || ""));
    // The point's own update, then each other letter it came in.
    var p = el("p", "prayerfeed-link");
    var own = safeURL(item.link);
    if (own) {
      p.appendChild(linkTo(own, item.title || "Read the update"));
    }
    var copies = item.copies || [];
    var shown = 0;
    for (var i = 0; i < copies.length; i++) {
      var href = safeURL(copies[i].link);
      if (!href) {
        continue;
      }
      if (p.childNodes.length > 0) {
        p.appendChild(document.createTextNode(" · "));
      }
      if (own && shown === 0) {
        p.appendChild(document.createTextNode("also in "));
      }
      p.appendChild(linkTo(href, copies[i].title || "Read the update"));
      shown++;
    }
    if (p.childNodes.length > 0) {
      li.appendChild(p);
    }
    return li;
  }

  function render(box, items, heading) {
    var list = el("ul", "prayerfeed-list");
    for (var i = 0; i < items.length; i++) {
      list.appendChild(renderItem(items[i]));
    }
    if (items.length === 0) {
      list.appendChild(el("li", "prayerfeed-item prayerfeed-empty", "No prayer or praise points yet."));
    }
    if (heading) {
      box.replaceChildren(el("p", "prayerfeed-week", heading), list);
    } else {
      box.replaceChildren(list);
    }
  }

  // sentence is "This week we are praying for A, B, and C."
  function sentence(phrases) {
    var n = phrases.length;
    var list = phrases[0];
    if (n > 1) {
      var sep = n > 2 || phrases[0].indexOf(",") >= 0 ? ", and " : " and ";
      list = phrases.slice(0, n - 1).join(", ") + sep + phrases[n - 1];
    }
    return "This week we are praying for " + list + ".";
  }

  // options reads a box's settings: count, kind, partners, week.
  function options(box) {
    var count = parseInt(box.getAttribute("data-count"), 10);
    if (!(count >= 1)) {
      count = 5;
    }
    var week = box.getAttribute("data-this-week");
    var partners = [];
    var ids = (box.getAttribute("data-partner") || "").split(/[\s,]+/);
    for (var i = 0; i < ids.length; i++) {
      if (ids[i] && partners.indexOf(ids[i]) < 0) {
        partners.push(ids[i]);
      }
    }
    return {
      count: Math.min(count, maxCount),
      kind: box.getAttribute("data-kind") || "",
      partners: partners,
      week: week !== null && week !== "0" && week !== "false"
    };
  }

  // select picks the newest count items of kind from the files' data.
  function select(files, kind, count) {
    var items = [];
    for (var i = 0; i < files.length; i++) {
      var its = (files[i] && files[i].items) || [];
      for (var j = 0; j < its.length; j++) {
        if (!kind || its[j].kind === kind) {
          items.push(its[j]);
        }
      }
    }
    items.sort(function (a, b) {
      return a.date < b.date ? 1 : a.date > b.date ? -1 : 0;
    });
    return items.slice(0, count);
  }

  function show(box) {
    var o = options(box);
    box.setAttribute("aria-busy", "true");
    return load("")
      .then(function (root) {
        var partners = o.partners;
        var heading = "";
        if (o.week) {
          var week = (root.this_week && root.this_week.partners) || [];
          var phrases = [];
          var ids = [];
          for (var i = 0; i < week.length; i++) {
            if (!partners.length || partners.indexOf(week[i].id) >= 0) {
              ids.push(week[i].id);
              phrases.push(week[i].phrase);
            }
          }
          heading = phrases.length ? sentence(phrases) : "";
          partners = ids;
          if (!ids.length) {
            return { items: [], heading: heading };
          }
        }
        if (!partners.length) {
          return { items: select([root], o.kind, o.count), heading: heading };
        }
        return Promise.all(partners.map(function (id) {
          // An unknown or private partner has no file: it shows nothing.
          return load(id).catch(function () {
            return null;
          });
        })).then(function (files) {
          return { items: select(files, o.kind, o.count), heading: heading };
        });
      })
      .then(function (r) {
        render(box, r.items, r.heading);
      })
      .catch(function () {
        box.textContent = "Prayer points could not be loaded just now.";
      })
      .then(function () {
        box.removeAttribute("aria-busy");
      });
  }

  // frame runs inside the iframe widget page.
  function frame(root) {
    var q = new URLSearchParams(location.search);
    var theme = q.get("theme");
    if (theme === "light" || theme === "dark" || theme === "auto") {
      root.setAttribute("data-theme", theme);
    }
    var box = document.getElementById("prayerfeed-frame");
    var done = Promise.resolve();
    // The server renders the query into the page; a static build's page
    // is the same for every query, so the query is applied here.
    if (box && box.getAttribute("data-applied") !== "query") {
      var opts = { count: q.get("count"), kind: q.get("kind"), partner: q.getAll("partner").join(" ") };
      var any = false;
      for (var k in opts) {
        if (opts[k]) {
          box.setAttribute("data-" + k, opts[k]);
          any = true;
        }
      }
      var tw = q.get("this_week");
      if (any || tw === "0") {
        if (tw !== "0") {
          // The this-week block above the list, then the list.
          var week = el("div", "prayerfeed-frame-week");
          for (var a = 0; a < box.attributes.length; a++) {
            week.setAttribute(box.attributes[a].name, box.attributes[a].value);
          }
          week.setAttribute("data-count", "3");
          week.setAttribute("data-this-week", "");
          week.removeAttribute("id");
          box.parentNode.insertBefore(week, box);
          done = show(week);
        }
        var old = document.querySelector(".this-week");
        if (old) {
          old.remove();
        }
        done = Promise.all([done, show(box)]);
      }
    }
    function postHeight() {
      if (window.parent !== window) {
        window.parent.postMessage({ prayerfeedHeight: Math.ceil(document.documentElement.getBoundingClientRect().height) }, "*");
      }
    }
    done.then(postHeight);
    if (window.ResizeObserver) {
      new ResizeObserver(postHeight).observe(document.documentElement);
    }
    window.addEventListener("load", postHeight);
  }

  function start() {
    var root = document.documentElement;
    if (root.hasAttribute("data-prayerfeed-frame")) {
      frame(root);
      return;
    }
    addStyle();
    var boxes = document.querySelectorAll("[data-prayerfeed]");
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i].hasAttribute("data-prayerfeed-loaded")) {
        boxes[i].setAttribute("data-prayerfeed-loaded", "");
        show(boxes[i]);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
