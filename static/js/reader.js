/* Reader comforts, all optional: the page works the same without this script.
 * - Font size A− / A+: remembered in localStorage, applied as a class on <html> before the page paints.
 * - ← → on a page view follow the 上一版 / 下一版 links (not while typing in a field). */
(function () {
  "use strict";
  var KEY = "epaper-font-step";
  var STEPS = [-1, 0, 1, 2, 3];
  var root = document.documentElement;

  function storedStep() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY), 10);
      return STEPS.indexOf(value) >= 0 ? value : 0;
    } catch (error) {
      return 0; // storage blocked: the default size
    }
  }

  function applyStep(step) {
    STEPS.forEach(function (each) { root.classList.remove("font-step-" + each); });
    if (step !== 0) root.classList.add("font-step-" + step);
  }

  var step = storedStep();
  applyStep(step);

  function setStep(next, status) {
    step = Math.max(STEPS[0], Math.min(STEPS[STEPS.length - 1], next));
    applyStep(step);
    try { window.localStorage.setItem(KEY, String(step)); } catch (error) { /* not remembered */ }
    status.textContent = "字号 " + (step > 0 ? "+" + step : step);
  }

  function fontButtons() {
    var nav = document.querySelector(".site-nav");
    if (!nav) return;
    var group = document.createElement("div");
    group.className = "font-size";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "字号");
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    [["A−", "缩小字号", -1], ["A+", "放大字号", 1]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = spec[1]; // read out after the visible A− / A+, so the name contains what is seen
      button.appendChild(name);
      button.title = spec[1];
      button.addEventListener("click", function () { setStep(step + spec[2], status); });
      group.appendChild(button);
    });
    group.appendChild(status);
    nav.insertBefore(group, nav.firstChild);
  }

  function arrowKeys() {
    var nav = document.querySelector("[data-arrow-keys]");
    if (!nav) return;
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
      var target = event.target;
      if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
      var rel = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
      var link = rel && nav.querySelector('a[rel="' + rel + '"]');
      if (link) {
        event.preventDefault();
        window.location.href = link.href;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fontButtons();
    arrowKeys();
  });
})();
