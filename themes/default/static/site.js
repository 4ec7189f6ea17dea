// Large-text mode (适老化): a real button, remembered across pages and visits.
(function () {
  "use strict";
  var root = document.documentElement;
  var button = document.getElementById("text-size");
  if (button) {
    var sync = function () {
      var on = root.classList.contains("large-text");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "标准字号" : "大字版";
    };
    button.hidden = false;
    sync();
    button.addEventListener("click", function () {
      root.classList.toggle("large-text");
      try { localStorage.setItem("gd-large-text", root.classList.contains("large-text") ? "1" : "0"); } catch (e) { /* private mode */ }
      sync();
    });
  }
  var printButtons = document.querySelectorAll(".print-button");
  for (var i = 0; i < printButtons.length; i++) {
    printButtons[i].hidden = false;
    printButtons[i].addEventListener("click", function () { window.print(); });
  }
})();
