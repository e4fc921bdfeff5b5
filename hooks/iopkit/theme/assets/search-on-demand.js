/* Search starts when the reader opens it, not when a page loads.
 *
 * Material's bundle starts its search worker and requests search/search_index.json as soon
 * as a page loads: on a cheap phone on slow data that is most of what a page weighs, for a
 * search most readers never open. This script runs just before the bundle and holds both
 * back until search is opened (the search icon or label, the search box taking focus, which
 * Material's keys "/", "s" and "f" also do, or a page opened from a search result with ?q=
 * or ?h=). Then it lets them go, and search works as before: Material sends the query typed
 * meanwhile once its worker says it is ready.
 *
 * It wraps the two browser calls the bundle makes (new Worker for its search worker, and
 * XMLHttpRequest for the index) instead of changing the minified bundle, which a Material
 * update replaces. Everything else passes straight through. From disk (file://) the index
 * is a script Material loads only when search opens, and browsers run no worker: there the
 * worker runs in the offline shim (iframe-worker/offline-worker-shim.js, its address in
 * this script's data-file-worker), which this script loads when search opens, so that
 * pages served over the web never fetch it.
 */
(function () {
  "use strict";
  var WORKER = /\/workers\/search\.[^/]*\.js$/;
  var FILE_WORKER = document.currentScript && document.currentScript.getAttribute("data-file-worker");
  var INDEX = /\/search\/search_index\.json$/;
  var Original = window.Worker;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var indexRequests = new WeakSet();
  var opened = false;
  var waiting = [];

  function pathOf(url) {
    try { return new URL(String(url), location.href).pathname; } catch (e) { return ""; }
  }

  function whenOpened(run) {
    if (opened) { run(); } else { waiting.push(run); }
  }

  function openSearch() {
    if (opened) { return; }
    opened = true;
    var runs = waiting;
    waiting = [];
    runs.forEach(function (run) { run(); });
  }

  /* A stand-in for the search worker: it keeps what the page posts until search opens,
   * then starts the real worker, hands it those messages and passes its answers on. */
  function SearchWorkerOnDemand(url, options) {
    var target = new EventTarget();
    var queue = [];
    var worker = null;
    function relay(type, event) {
      var copy = type === "message" ? new MessageEvent("message", { data: event.data })
        : new ErrorEvent("error", { message: event.message, error: event.error, filename: event.filename });
      target.dispatchEvent(copy);
      var handler = target["on" + type];
      if (typeof handler === "function") { handler.call(target, copy); }
    }
    target.postMessage = function (data) {
      if (worker) { worker.postMessage(data); } else if (queue) { queue.push(data); }
    };
    target.terminate = function () {
      queue = null;
      if (worker) { worker.terminate(); }
    };
    whenOpened(function () {
      withWorkerClass(function (Worker) {
        if (!queue) { return; }  // terminated before search was opened
        worker = new Worker(url, options);
        worker.addEventListener("message", function (event) { relay("message", event); });
        worker.addEventListener("error", function (event) { relay("error", event); });
        queue.forEach(function (data) { worker.postMessage(data); });
        queue = null;
      });
    });
    return target;
  }

  /* The browser's Worker; from disk, the offline shim's, loaded first. */
  function withWorkerClass(then) {
    if (location.protocol !== "file:" || !FILE_WORKER) { then(Original); return; }
    if (window.IFrameWorker) { then(window.IFrameWorker); return; }
    var script = document.createElement("script");
    script.src = FILE_WORKER;
    script.onload = function () { then(window.IFrameWorker || Original); };
    script.onerror = function () { then(Original); };
    document.head.appendChild(script);
  }

  window.Worker = function (url, options) {
    if (WORKER.test(pathOf(url))) { return SearchWorkerOnDemand(url, options); }
    return new Original(url, options);
  };
  window.Worker.prototype = Original.prototype;

  XMLHttpRequest.prototype.open = function (method, url) {
    if (INDEX.test(pathOf(url))) { indexRequests.add(this); } else { indexRequests.delete(this); }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, body = arguments;
    if (!opened && indexRequests.has(request)) {
      waiting.push(function () { send.apply(request, body); });
      return;
    }
    return send.apply(request, body);
  };

  /* What opens search. A click on the icon or label ticks Material's hidden #__search box;
   * a press of "/", "s" or "f" focuses the search box, which ticks it too. */
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) { openSearch(); }
  }, true);
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches("[data-md-component=search-query]")) {
      openSearch();
    }
  }, true);
  var toggle = document.getElementById("__search");
  var query = new URLSearchParams(location.search);
  // Back to a page with search left open; or from a search result, whose terms
  // Material highlights (search.highlight) with the index.
  if ((toggle && toggle.checked) || query.has("q") || query.has("h")) { openSearch(); }
})();
