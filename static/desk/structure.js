// The page structure view: one correction menu open at a time; Escape closes it and puts the focus
// back on its 更正, so a keyboard user goes on from where the menu was opened.
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
  for (const menu of document.querySelectorAll("details.st-menu[open]")) {
    const hadFocus = menu.contains(document.activeElement);
    menu.open = false;
    if (hadFocus) menu.querySelector("summary").focus();
  }
});
