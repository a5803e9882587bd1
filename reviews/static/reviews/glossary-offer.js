// "Add to glossary" from a selection in a translation box of the review page: a small
// button appears in the row and fills the page's glossary form (a plain form that also
// works without JavaScript).
(function () {
  "use strict";
  // "Add to glossary" from a selection in a translation box: a small button appears in
  // the row and fills the page's glossary form (a plain form that also works without JS).
  function selectedText(area) {
    return area.value.slice(area.selectionStart, area.selectionEnd).trim();
  }

  function offerGlossary(area) {
    const panel = document.getElementById("glossary-quick");
    const row = area.closest(".seg[data-segment]");
    if (!panel || !row) return;
    let button = row.querySelector("button.add-term");
    const text = selectedText(area);
    if (!text || text.length > 300) {
      if (button) button.remove();
      return;
    }
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "add-term";
      const actions = row.querySelector(".actions");
      if (!actions) return;
      actions.appendChild(button);
    }
    button.textContent = "Add “" + (text.length > 30 ? text.slice(0, 30) + "…" : text) + "” to glossary";
    button.dataset.term = text;
  }

  ["mouseup", "keyup", "select"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      const area = event.target.closest && event.target.closest("textarea.translation");
      if (area) offerGlossary(area);
    });
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("button.add-term");
    if (!button) return;
    const panel = document.getElementById("glossary-quick");
    if (!panel) return;
    panel.open = true;
    const rendering = panel.querySelector("input[name=rendering]");
    rendering.value = button.dataset.term || "";
    panel.scrollIntoView({ block: "nearest" });
    panel.querySelector("input[name=source]").focus();
    const live = document.getElementById("announcer");
    if (live) live.textContent = "Glossary form filled with the selection";
  });
})();
