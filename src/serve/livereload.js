// pmbook serve: reload this page when it changes, and show build errors.
(function () {
  "use strict";
  var overlay = null;
  function here() {
    var p = decodeURIComponent(location.pathname);
    return p.endsWith("/") ? p + "index.html" : p;
  }
  function show(errors) {
    if (!errors.length) {
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "pmbook-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:#141418;color:#f5f5f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("h2");
    h.style.cssText = "color:#ff7b72;font:600 18px/1.4 system-ui,sans-serif;margin:0 0 .5rem";
    h.textContent = errors.length + (errors.length === 1 ? " error" : " errors") + " in the archive";
    overlay.appendChild(h);
    var note = document.createElement("p");
    note.style.cssText = "font:14px/1.4 system-ui,sans-serif;margin:0 0 1.5rem;color:#c9d1d9";
    note.textContent = "The last good version of the site is still served. Fix the file and this goes away.";
    overlay.appendChild(note);
    errors.forEach(function (e) {
      var where = document.createElement("div");
      where.className = "pmbook-error-location";
      where.style.cssText = "color:#79c0ff;font-weight:600";
      where.textContent = e.file + ":" + e.line + "  [" + e.code + "]";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:.25rem 0 1.25rem";
      pre.textContent = e.text;
      overlay.appendChild(where);
      overlay.appendChild(pre);
    });
  }
  var events = new EventSource("/__pmbook/events");
  events.addEventListener("status", function (ev) {
    show(JSON.parse(ev.data).errors || []);
  });
  events.addEventListener("reload", function (ev) {
    var paths = JSON.parse(ev.data);
    if (paths.indexOf("*") >= 0 || paths.indexOf(here()) >= 0) location.reload();
  });
})();
