/* Quick exit, on workbook pages the curriculum marks sensitive (session `sensitive: true`).
 *
 * The page shows a "Quick exit" button (data-action="quick-exit", data-url = program.yml's
 * quick_exit_url). Pressing it, or Escape twice within a second, replaces this page with
 * that address: location.replace, so the workbook page leaves the tab's back list and
 * Back does not return to it. Nothing is sent anywhere. It does not erase the browser's
 * history; the page around the button says so.
 *
 * On a page without the button this script does nothing.
 */
(function () {
  "use strict";
  var FALLBACK = "https://www.google.com/";
  var TWICE_WITHIN_MS = 1000;

  function address(button) {
    var url = button.getAttribute("data-url") || "";
    return /^https?:\/\/\S+$/i.test(url) ? url : FALLBACK; // never a script: address
  }

  function leave(url) {
    // Hide the page at once: the next site may take a moment to load.
    document.title = "";
    if (document.body) { document.body.style.display = "none"; }
    window.location.replace(url);
  }

  function setUp() {
    var button = document.querySelector('[data-action="quick-exit"]');
    if (!button) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      leave(address(button));
    });

    var lastEscape = 0;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" && event.key !== "Esc") { return; }
      if (event.repeat) { return; } // a key held down is one press
      var now = Date.now();
      if (now - lastEscape <= TWICE_WITHIN_MS) {
        leave(address(button));
      }
      lastEscape = now;
    }, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
