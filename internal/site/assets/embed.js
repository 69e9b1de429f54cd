/* prayerfeed widget. Paste on any page:
 *
 *   <div data-prayerfeed data-count="5" data-kind="prayer" data-partner="ijm"></div>
 *   <script src="https://prayer.example/embed.js" async></script>
 *
 * Every element with data-prayerfeed gets the latest points from the
 * feed.json beside this script. data-count (1-50, default 5), data-kind
 * (prayer or praise) and data-partner (ids, separated by spaces or commas)
 * are optional. data-this-week shows this week's rotation instead: a
 * "This week we are praying for ..." heading over those partners' points. Partner text is hostile by assumption: the DOM is built with
 * textContent and checked links only, never innerHTML. No cookies are sent,
 * and the widget takes the host page's fonts and colours.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var feedURL = new URL("feed.json", script.src);
  var weekURL = new URL("this-week.json", script.src);
  var kindTitles = { prayer: "Prayer", praise: "Praise" };
  var css =
    ".prayerfeed-list{list-style:none;margin:0;padding:0}" +
    ".prayerfeed-item{margin:0 0 .75em}" +
    ".prayerfeed-meta{margin:0;font-size:.875em;opacity:.8}" +
    ".prayerfeed-text,.prayerfeed-link{margin:0}" +
    ".prayerfeed-week{margin:0 0 .5em;font-weight:bold}";

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
    return d.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
  }

  function renderItem(item) {
    var li = el("li", "prayerfeed-item");
    var kind = (item.tags && item.tags[0]) || "prayer";
    var partner = (item.authors && item.authors[0] && item.authors[0].name) || "";
    var meta = el("p", "prayerfeed-meta");
    meta.appendChild(el("strong", "prayerfeed-kind", kindTitles[kind] || kind));
    if (partner) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", "prayerfeed-partner", partner));
    }
    var date = formatDate(item.date_published);
    if (date) {
      meta.appendChild(document.createTextNode(" · "));
      var time = el("time", "prayerfeed-date", date);
      time.setAttribute("datetime", item.date_published);
      meta.appendChild(time);
    }
    li.appendChild(meta);
    li.appendChild(el("p", "prayerfeed-text", item.summary || item.content_text || ""));
    var href = safeURL(item.url);
    if (href) {
      var p = el("p", "prayerfeed-link");
      var a = el("a", "", "Read the update");
      a.href = href;
      a.rel = "noopener";
      p.appendChild(a);
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

  function requestURL(box) {
    var week = box.hasAttribute("data-this-week");
    var u = new URL((week ? weekURL : feedURL).href);
    var count = parseInt(box.getAttribute("data-count"), 10);
    if (!(count >= 1)) {
      count = 5;
    }
    u.searchParams.set("limit", String(Math.min(count, 50)));
    var kind = box.getAttribute("data-kind");
    if (kind) {
      u.searchParams.set("kind", kind);
    }
    var partners = (box.getAttribute("data-partner") || "").split(/[\s,]+/);
    for (var i = 0; i < partners.length; i++) {
      if (partners[i]) {
        u.searchParams.append("partner", partners[i]);
      }
    }
    return u.href;
  }

  function load(box) {
    box.setAttribute("aria-busy", "true");
    fetch(requestURL(box), { credentials: "omit", mode: "cors" })
      .then(function (r) {
        if (!r.ok) {
          throw new Error("HTTP " + r.status);
        }
        return r.json();
      })
      .then(function (doc) {
        var heading = box.hasAttribute("data-this-week") && doc && typeof doc.description === "string" ? doc.description : "";
        render(box, (doc && doc.items) || [], heading);
      })
      .catch(function () {
        box.textContent = "Prayer points could not be loaded just now.";
      })
      .then(function () {
        box.removeAttribute("aria-busy");
      });
  }

  function start() {
    addStyle();
    var boxes = document.querySelectorAll("[data-prayerfeed]");
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i].hasAttribute("data-prayerfeed-loaded")) {
        boxes[i].setAttribute("data-prayerfeed-loaded", "");
        load(boxes[i]);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
