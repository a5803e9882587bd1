// The review page's bulk bar: picking rows (shift-click for a range, one box for the
// page) and asking before applying. An enhancement: without it the bar is a plain form
// and the server answers its first post with a confirmation page.
(function () {
  "use strict";
  let lastPicked = null; // for shift-click ranges of bulk checkboxes

  // The bulk bar asks first: Apply opens a dialog with what the action would do (the
  // server's breakdown); its Confirm posts the bar with confirm=1. Without JavaScript the
  // server answers the first post with the same breakdown on a page of its own.
  const bulk = document.getElementById("bulk");
  const confirmDialog = document.getElementById("bulk-confirm");
  if (bulk && confirmDialog && bulk.dataset.preview) {
    bulk.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.name === "confirm") return;
      event.preventDefault();
      const fields = new URLSearchParams(new FormData(bulk));
      fields.delete("csrfmiddlewaretoken");
      const breakdown = document.getElementById("bulk-breakdown");
      breakdown.textContent = "Counting…";
      const confirm = confirmDialog.querySelector("button[name=confirm]");
      confirm.disabled = true;
      confirmDialog.showModal();
      htmx
        .ajax("GET", bulk.dataset.preview + "?" + fields, { source: breakdown, target: breakdown, swap: "innerHTML" })
        .then(function () {
          confirm.disabled = Boolean(breakdown.querySelector(".error"));
          (confirm.disabled ? confirmDialog.querySelector(".dialog-close") : confirm).focus();
        });
    });
    confirmDialog.querySelector(".dialog-close").addEventListener("click", function () {
      confirmDialog.close();
    });
  }

  // Bulk selection: shift-click selects a range; one box selects the whole page.
  document.addEventListener("click", function (event) {
    const pick = event.target;
    if (!pick.matches || !pick.matches("input.pick")) return;
    const picks = Array.from(document.querySelectorAll("input.pick"));
    if (event.shiftKey && lastPicked) {
      const [a, b] = [picks.indexOf(lastPicked), picks.indexOf(pick)].sort((x, y) => x - y);
      picks.slice(a, b + 1).forEach(function (p) { p.checked = pick.checked; });
    }
    lastPicked = pick;
  });
  document.addEventListener("change", function (event) {
    if (event.target.id !== "select-page") return;
    document.querySelectorAll("input.pick").forEach(function (p) {
      p.checked = event.target.checked;
    });
  });
})();
