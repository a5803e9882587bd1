// Repetitions on the review page (reviews/views/repetitions.py): Alt+Shift+R presses the
// note's "Apply to all"; a note saying that rows changed (applied, or undone) asks the
// live refresh (live.js) to redraw them now, which leaves a row being typed in alone; and
// a note that replaced the button the focus was on takes the focus (on its Undo), or,
// when it has no button left (after Undo), gives it back to the current row's box.
// Without JavaScript the note's forms are plain posts and the page comes back.
(function () {
  "use strict";

  function note() {
    return document.getElementById("repetitions");
  }

  function announce(text) {
    const live = document.getElementById("announcer");
    if (live) live.textContent = text;
  }

  document.addEventListener("keydown", function (event) {
    if (!(event.altKey && event.shiftKey && event.code === "KeyR")) return;
    event.preventDefault();
    const button = note() && note().querySelector("button.apply-repetitions");
    if (button) button.click();
    // Said as it is: the segment may well have repetitions; nothing is on offer until a
    // save or an approval offers it.
    else announce("Nothing to apply: save or approve a segment first; if it has repetitions, Alt+Shift+R then applies it to them.");
  });

  // A note with nothing left to press ("Undone: ...") gives the focus back to the row the
  // user was on (its box, caret at the end), never to <body>, where the next Tab would
  // start again at the top of the page.
  function backToTheRow() {
    const area = document.querySelector("#segments .seg.current textarea.translation");
    if (!area) return;
    area.focus({ preventScroll: true });
    area.setSelectionRange(area.value.length, area.value.length);
  }

  let focusWasInNote = false;
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    const target = event.detail.target;
    if (target && target.id === "repetitions") focusWasInNote = target.contains(document.activeElement);
  });

  document.addEventListener("htmx:load", function (event) {
    const fresh = event.detail.elt;
    if (!fresh || fresh.id !== "repetitions") return;
    if (fresh.dataset.refresh) {
      const live = document.getElementById("live");
      if (live && window.htmx) htmx.trigger(live, "workbench:refresh");
    }
    if (focusWasInNote || document.activeElement === document.body) {
      const button = fresh.querySelector("button");
      if (button) button.focus({ preventScroll: true });
      else backToTheRow();
    }
    focusWasInNote = false;
  });
})();
