// Keyboard flow for the review page. Everything here is an enhancement: without it the
// page is a set of plain forms.
(function () {
  "use strict";
  let focusAfterSwap = null; // {rowId, next: bool}

  function rows() {
    return Array.from(document.querySelectorAll(".segments .seg[data-segment]"));
  }

  function focusRow(row) {
    const area = row && row.querySelector("textarea.translation");
    if (area) {
      area.focus();
      area.scrollIntoView({ block: "nearest" });
    }
  }

  document.addEventListener("keydown", function (event) {
    const area = event.target.closest && event.target.closest("textarea.translation");
    if (!area || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    const row = area.closest(".seg");
    const save = row.querySelector("button.save");
    focusAfterSwap = { rowId: row.id, next: true };
    if (save) {
      save.click();
    } else {
      // Nothing to save here (locked): just move on.
      focusAfterSwap = null;
      const all = rows();
      focusRow(all[all.indexOf(row) + 1]);
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    const row = event.detail.elt.closest && event.detail.elt.closest(".seg");
    if (row && !focusAfterSwap) focusAfterSwap = { rowId: row.id, next: false };
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (!focusAfterSwap) return;
    const wanted = focusAfterSwap;
    const row = document.getElementById(wanted.rowId);
    if (!row) return;
    focusAfterSwap = null;
    const ok = event.detail.xhr && event.detail.xhr.status < 300;
    if (wanted.next && ok) {
      const all = rows();
      focusRow(all[all.indexOf(row) + 1] || row);
    } else {
      focusRow(row);
    }
  });
})();
