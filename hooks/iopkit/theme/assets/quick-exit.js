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

  // The button's look. iopkit.css is where these rules would live; they are here so that
  // the button is fixed in view wherever this script runs (styles may be inline: the
  // workbook's policy allows inline styles, never inline script).
  var STYLE = [
    ".md-typeset .iop-quick-exit, .iop-quick-exit {",
    "  position: fixed; right: 0.75rem; bottom: 0.75rem; z-index: 1000; margin: 0;",
    "  min-width: 3rem; min-height: 3rem; padding: 0.75rem 1.25rem;",
    "  font-size: 1rem; font-weight: 700; line-height: 1.2;",
    "  box-shadow: 0 0.2rem 0.6rem rgba(0, 0, 0, 0.35);",
    "}",
    ".iop-quick-exit:focus-visible { outline: 0.2rem solid currentColor; outline-offset: 0.2rem; }",
    // Room below the footer, so the button never covers the last link of the page.
    ".md-footer-meta { padding-bottom: 4.5rem; }",
    "@media print { .iop-quick-exit { display: none !important; } }"
  ].join("\n");

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
    var style = document.createElement("style");
    style.textContent = STYLE;
    document.head.appendChild(style);

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
