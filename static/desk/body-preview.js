// The article form's body preview follows the editor's typing: the text is rendered by the
// server exactly as the site renders it (Markdown, sanitised), a moment after typing stops.
(function () {
  "use strict";
  var preview = document.getElementById("desk-body-preview");
  var body = document.getElementById("id_body");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!preview || !body || !token) return;
  var timer = null;
  var latest = 0;

  function render() {
    var asked = ++latest;
    var data = new FormData();
    data.append("body", body.value);
    fetch(preview.dataset.renderUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value },
    })
      .then(function (response) {
        return response.text().then(function (text) { return { ok: response.ok, text: text }; });
      })
      .then(function (answer) {
        if (asked !== latest) return; // a newer keystroke has asked again
        if (answer.ok) preview.innerHTML = answer.text;
        else preview.textContent = answer.text;
      })
      .catch(function () {
        if (asked === latest) preview.textContent = "预览暂时无法更新(网络中断),保存不受影响。";
      });
  }

  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(render, 300);
  });
})();
