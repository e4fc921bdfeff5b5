/*! Offline search for the Client Workbook without loading anything from another origin
 * and without inline script (so the page's Content-Security-Policy can forbid both).
 *
 * Browsers do not run Web Workers from file:// pages. Material's offline plugin then loads
 * the iframe-worker shim from a CDN; that request would leave the device and the shim
 * writes an inline script, which our policy refuses. This is the same idea, written for
 * our policy: the worker script runs in a hidden same-origin iframe, and the page talks to
 * it by events instead of an inline bootstrap script.
 * Based on iframe-worker by Martin Donath (MIT licence, https://github.com/squidfunk/iframe-worker).
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") { return; }

  function IFrameWorker(url) {
    var target = new EventTarget();
    var frame = document.createElement("iframe");
    frame.hidden = true;
    document.body.appendChild(frame);
    var win = frame.contentWindow;
    var doc = win.document;

    function deliver(data) {
      var event = new MessageEvent("message", { data: data });
      target.dispatchEvent(event);
      if (typeof target.onmessage === "function") { target.onmessage(event); }
    }
    function fail(error) {
      var event = new ErrorEvent("error", { message: String(error), error: error, filename: String(url) });
      target.dispatchEvent(event);
      if (typeof target.onerror === "function") { target.onerror(event); }
    }
    function load(src) {
      return new Promise(function (resolve, reject) {
        var script = doc.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("could not load " + src)); };
        doc.body.appendChild(script);
      });
    }

    // What a worker script expects to find in its global scope. Messages are delivered in
    // a later task, as between a real worker and its page; code relies on that ordering.
    win.postMessage = function (data) {
      var copy = structuredClone(data);
      setTimeout(function () { deliver(copy); }, 0);
    };
    win.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (chain, src) {
        return chain.then(function () { return load(src); });
      }, Promise.resolve());
    };
    win.addEventListener("error", function (event) { fail(event.error || event.message); });
    if (!doc.body) { doc.documentElement.appendChild(doc.createElement("body")); }
    var ready = load(url).catch(fail);

    target.postMessage = function (data) {
      var copy = structuredClone(data);
      ready.then(function () {
        setTimeout(function () { win.dispatchEvent(new MessageEvent("message", { data: copy })); }, 0);
      });
    };
    target.terminate = function () { frame.remove(); };
    return target;
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
