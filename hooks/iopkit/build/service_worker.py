"""The workbook's service worker: after one visit over http(s), every page opens offline,
and a client can add the workbook to the Home Screen (where iPhones keep its answers).

Written after the build (it lists every file the site has, search index included) with a
cache name made from the files' contents, so a new build replaces the old cache and the
same build always writes the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

WORKER = "sw.js"

_SCRIPT = """/* Written by iopkit at build time: keeps this workbook for offline use. */
"use strict";
var SCOPE = self.registration.scope;
var CACHE = "iopkit:" + SCOPE + ":" + VERSION;
self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(FILES.map(function (file) { return new URL(file, SCOPE).href; }));
  }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("iopkit:" + SCOPE + ":") === 0 && name !== CACHE;  // this site's old copies only
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener("fetch", function (event) {
  if (event.request.method !== "GET" || event.request.url.indexOf(SCOPE) !== 0) { return; }
  event.respondWith(caches.match(event.request, { ignoreSearch: true }).then(function (hit) {
    return hit || fetch(event.request).catch(function () {
      return caches.match(new URL("404.html", SCOPE).href);
    });
  }));
});
"""


def write_service_worker(site_dir: Path) -> None:
    files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*")
                   if p.is_file() and p.name != WORKER)
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (site_dir / name).read_bytes())
    header = (f"var VERSION = {json.dumps(digest.hexdigest()[:16])};\n"
              f"var FILES = {json.dumps(files, indent=0)};\n")
    (site_dir / WORKER).write_text(header + _SCRIPT, encoding="utf-8")
