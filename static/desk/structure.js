// The page structure view: one correction menu open at a time; Escape closes it and puts the focus
// back on its 更正, so a keyboard user goes on from where the menu was opened. Once a correction,
// undo or move is sent, the page sends nothing more until it comes back: a second click would meet
// the page already changed by the first and be refused as made from a stale view.
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
// A click elsewhere, or the focus tabbing on past the menu's last choice, closes an open menu.
document.addEventListener("click", (event) => {
  for (const menu of document.querySelectorAll("details.st-menu[open]")) {
    if (!menu.contains(event.target)) menu.open = false;
  }
});
document.addEventListener("focusout", (event) => {
  const menu = event.target.closest && event.target.closest("details.st-menu[open]");
  if (menu && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
});
document.addEventListener("submit", (event) => {
  if (!event.target.closest(".st-page")) return;
  const page = document.documentElement;
  if (page.dataset.stSending) {
    event.preventDefault();
    return;
  }
  page.dataset.stSending = "true";
}, true);
window.addEventListener("pageshow", () => {
  delete document.documentElement.dataset.stSending;  // back to the page from the browser's history
});
