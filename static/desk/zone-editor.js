// The page form's printed page: pick a story, drag a rectangle over where it is printed, and the
// story's zone row below gets the numbers (a new row is added when it has none). Saving the page
// form stores them; without this script the numbers can be typed into the rows.
(function () {
  "use strict";
  const SCALE = 10000;

  function zoneRows() {
    return Array.from(document.querySelectorAll("#zones-group tr.form-row"))
      .filter((row) => !row.classList.contains("empty-form") && row.querySelector("select[name$='-article']"));
  }

  function rowFor(articleId) {
    let row = zoneRows().find((r) => r.querySelector("select[name$='-article']").value === articleId);
    if (row) return row;
    const add = document.querySelector("#zones-group .add-row a");
    if (!add) return null;
    add.click();
    const rows = zoneRows();
    row = rows[rows.length - 1];
    row.querySelector("select[name$='-article']").value = articleId;
    return row;
  }

  function round(value) {
    return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
  }

  function setUp(editor) {
    const svg = editor.querySelector("svg");
    const picker = editor.querySelector("select[data-zone-story]");
    const status = editor.querySelector("[data-zone-status]");
    let start = null;
    let drawing = null;

    function point(event) {
      const box = svg.getBoundingClientRect();
      return { x: (event.clientX - box.left) / box.width, y: (event.clientY - box.top) / box.height };
    }

    function place(rect, a, b) {
      rect.setAttribute("x", Math.min(a.x, b.x) * SCALE);
      rect.setAttribute("y", Math.min(a.y, b.y) * SCALE);
      rect.setAttribute("width", Math.abs(a.x - b.x) * SCALE);
      rect.setAttribute("height", Math.abs(a.y - b.y) * SCALE);
    }

    svg.addEventListener("pointerdown", (event) => {
      if (!picker.value) {
        status.textContent = "请先在上面选择稿件,再在版面上拖出它的位置。";
        return;
      }
      event.preventDefault();
      svg.setPointerCapture(event.pointerId);
      start = point(event);
      const old = svg.querySelector(`rect[data-article="${picker.value}"]`);
      if (old) old.remove();
      drawing = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      drawing.setAttribute("data-article", picker.value);
      drawing.classList.add("drawing");
      svg.appendChild(drawing);
      place(drawing, start, start);
    });

    svg.addEventListener("pointermove", (event) => {
      if (start) place(drawing, start, point(event));
    });

    svg.addEventListener("pointerup", (event) => {
      if (!start) return;
      const end = point(event);
      const zone = {
        x: round(Math.min(start.x, end.x)), y: round(Math.min(start.y, end.y)),
        w: round(Math.abs(start.x - end.x)), h: round(Math.abs(start.y - end.y)),
      };
      start = null;
      if (zone.w < 0.005 || zone.h < 0.005) {
        drawing.remove();
        status.textContent = "热区太小,请按住鼠标拖出一个方框。";
        return;
      }
      const row = rowFor(picker.value);
      if (!row) return;
      for (const key of ["x", "y", "w", "h"]) {
        const input = row.querySelector(`input[name$='-${key}']`);
        input.value = zone[key];
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
      const name = picker.options[picker.selectedIndex].text;
      status.textContent = `已为“${name}”划定热区,保存后生效。`;
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-zone-editor]").forEach(setUp);
  });
})();
