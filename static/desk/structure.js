// The page structure view: one correction menu open at a time; Escape closes it.
"use strict";
document.addEventListener("toggle", (event) => {
  const opened = event.target;
  if (!(opened instanceof HTMLDetailsElement) || !opened.classList.contains("st-menu") || !opened.open) return;
  for (const menu of document.querySelectorAll("details.st-menu[open]")) {
    if (menu !== opened) menu.open = false;
  }
}, true);
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const menu of document.querySelectorAll("details.st-menu[open]")) menu.open = false;
});
