// Printing opens every folded section (a talking point's background, for example), so paper
// carries what the screen folds away; afterwards the page folds them again as they were.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"),
      function (details) { details.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
