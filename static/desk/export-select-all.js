// The export page's "select all" box ticks or clears every field box. django-import-export wires it
// with an inline onchange attribute, which the Content-Security-Policy refuses; this does the same
// from a file. onSelectToggleChange comes from import_export/export_selectable_fields.js.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((box) => {
    box.addEventListener("change", (event) => onSelectToggleChange(event));
  });
});
