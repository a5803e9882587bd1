// The review page's keyboard flow and row model. Everything here is an enhancement:
// without it every row is a whole plain form that works on its own.
//
// The model: every row holds its own translation box, and one row at a time is active.
// The active row shows its tools (actions, QA list, panels) and owns the list's only
// tab stop (a roving tab index): the other rows' controls are out of the Tab order and
// are reached with Alt+Up/Down, Ctrl+Enter, a click or the skip link.
//
// Moving on never waits for the server: Ctrl+Enter takes a snapshot of the row, moves
// the focus to the next box at once and queues the save. The queue sends one request at
// a time, in order, each with the row's version as the previous answer left it. An
// answer never takes the focus, nor the text of a box someone is typing in: a row the
// user is in only gets its new version and state; any other row is swapped whole.
(function () {
  "use strict";
  const list = document.getElementById("segments");
  if (!list) return;
  const FIELDS = "textarea.translation, input.pick";
  let current = null; // the row that owns the tab stop (and, once focused, is active)
  const failed = []; // ids of rows whose last save failed, oldest first
  let loading = null; // {buffer} while the next page's rows are on their way

  // --- rows, activation and the roving tab stop ---------------------------------------

  function rows() {
    return Array.from(list.querySelectorAll(".seg[data-segment]"));
  }

  function rowOf(node) {
    return node && node.closest ? node.closest(".seg[data-segment]") : null;
  }

  function neighbour(row, step) {
    let next = step > 0 ? row.nextElementSibling : row.previousElementSibling;
    while (next && !next.matches(".seg[data-segment]")) {
      next = step > 0 ? next.nextElementSibling : next.previousElementSibling;
    }
    return next;
  }

  function prepare(row) {
    // A row drawn by the server has its controls in the Tab order: only the current one keeps them.
    row.dataset.ready = "1";
    if (row === current) return;
    row.querySelectorAll(FIELDS).forEach(function (el) { el.tabIndex = -1; });
  }

  // After any swap: new rows leave the Tab order, and a swapped current row stays current.
  function resync() {
    list.querySelectorAll(".seg[data-segment]:not([data-ready])").forEach(function (row) {
      const wasCurrent = current && row.id === current.id && !document.body.contains(current);
      const wasActive = wasCurrent && current.classList.contains("active");
      if (wasCurrent) current = null;
      prepare(row);
      if (wasCurrent) {
        makeCurrent(row);
        if (wasActive) activate(row);
      }
    });
  }

  // While a button of the pointer is down, a row that stops being active keeps its
  // height until the button is up: folding it on mousedown would move the row clicked
  // under the pointer, and the click would land elsewhere.
  let pointerDown = false;
  const folding = new Set();
  document.addEventListener("pointerdown", function () { pointerDown = true; }, true);
  document.addEventListener("pointerup", function () {
    pointerDown = false;
    setTimeout(function () {
      folding.forEach(function (row) { if (row !== current) row.classList.remove("active"); });
      folding.clear();
    }, 0);
  }, true);

  function makeCurrent(row) {
    if (!row || row === current) return;
    if (current) {
      current.classList.remove("current");
      if (pointerDown) folding.add(current);
      else current.classList.remove("active");
      current.querySelectorAll(FIELDS).forEach(function (el) { el.tabIndex = -1; });
    }
    current = row;
    row.classList.add("current");
    row.querySelectorAll(FIELDS).forEach(function (el) { el.removeAttribute("tabindex"); });
  }

  function activate(row) {
    if (!row) return;
    makeCurrent(row);
    if (row.classList.contains("active")) return;
    row.classList.add("active");
    const assist = document.getElementById("assist");
    const slot = row.querySelector(".seg-assist");
    if (assist && slot) slot.appendChild(assist);
    document.dispatchEvent(
      new CustomEvent("workbench:activate", { detail: { row: row, segment: row.dataset.segment } })
    );
  }

  // The assistance panel lives in the active row; a row about to be redrawn hands it
  // back to the page first, and the redrawn row takes it again (resync, activate).
  function parkAssist(node) {
    const assist = document.getElementById("assist");
    if (assist && node && node.contains(assist)) list.after(assist);
  }

  function box(row) {
    return row && row.querySelector("textarea.translation");
  }

  // The focus moves to a row's box with the caret after its text; what is typed next lands there.
  function focusBox(row) {
    const area = box(row);
    if (!area) return false;
    activate(row);
    area.focus({ preventScroll: true });
    const end = area.value.length;
    area.setSelectionRange(end, end);
    row.scrollIntoView({ block: "nearest" });
    return true;
  }

  function focusRow(row) {
    if (!row) return;
    activate(row);
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function needsWork(row) {
    return (list.dataset.needsWork || "").split(" ").includes(row.dataset.state);
  }

  function startRow() {
    const hash = location.hash && document.getElementById(location.hash.slice(1));
    const all = rows();
    return rowOf(hash) || all.find(needsWork) || all[0];
  }

  document.addEventListener("focusin", function (event) {
    const row = rowOf(event.target);
    if (row && list.contains(row)) activate(row);
    const area = event.target.closest && event.target.closest("textarea.translation");
    if (row && area && !row.dataset.openedAt) row.dataset.openedAt = String(Date.now());
  });

  // The skip link goes to the row the user is on, into its box.
  document.addEventListener("click", function (event) {
    const skip = event.target.closest && event.target.closest("a.skip-link[href='#segments']");
    if (!skip || !current) return;
    event.preventDefault();
    if (!focusBox(current)) focusRow(current);
  });

  // --- moving on, across pages ----------------------------------------------------------

  function nextPageLink() {
    return document.querySelector("#pager a[rel=next]");
  }

  // Loads the next page's rows below these; what is typed meanwhile is kept and typed
  // into the box the focus lands in.
  function loadNextPage() {
    const link = nextPageLink();
    if (!link) return Promise.resolve(null);
    const url = new URL(link.href);
    url.searchParams.set("first", list.dataset.firstPage || list.dataset.page || "1");
    const before = rows().length;
    return htmx
      .ajax("GET", url.pathname + url.search, { source: list, target: list, swap: "beforeend" })
      .then(function () {
        list.dataset.firstPage = list.dataset.firstPage || list.dataset.page;
        const added = rows().slice(before);
        added.forEach(prepare);
        return added[0] || null;
      });
  }

  function moveTo(findNext, from) {
    const found = findNext(from);
    if (found) {
      if (!focusBox(found)) focusRow(found);
      return;
    }
    if (!nextPageLink()) {
      announce("This is the last segment.");
      return;
    }
    // The focus waits on the list while the rows come; keystrokes are buffered.
    loading = { buffer: "" };
    list.focus({ preventScroll: true });
    announce("Loading the next page…");
    const step = function () {
      return loadNextPage().then(function (first) {
        if (!first) return null;
        const found = findNext(first, true);
        return found || (nextPageLink() ? step() : null);
      });
    };
    step()
      .then(function (found) {
        const typed = loading ? loading.buffer : "";
        loading = null;
        if (!found) {
          focusRow(from);
          announce("No segment after this one needs work.");
          return;
        }
        if (focusBox(found)) {
          if (typed && !box(found).readOnly) insertTyped(box(found), typed);
        } else {
          focusRow(found);
        }
      })
      .catch(function () {
        loading = null;
        focusRow(from);
        announce("The next page could not be loaded.");
      });
  }

  function insertTyped(area, text) {
    area.setRangeText(text, area.selectionStart, area.selectionEnd, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function nextRow(row, inclusive) {
    return inclusive ? row : neighbour(row, 1);
  }

  function nextNeedingWork(row, inclusive) {
    for (let r = inclusive ? row : neighbour(row, 1); r; r = neighbour(r, 1)) {
      if (needsWork(r)) return r;
    }
    return null;
  }

  // --- the save queue -------------------------------------------------------------------

  const queue = [];
  let busy = false;

  function snapshot(row, action) {
    const form = row.querySelector("form.seg-form");
    const values = {};
    const area = box(row);
    if (area && !area.readOnly) values.target = area.value;
    if (action === "reject") values.reason = form.elements.reason ? form.elements.reason.value : "";
    if (action !== "save") {
      ["lqa_category", "lqa_severity", "override_reason"].forEach(function (name) {
        if (form.elements[name]) values[name] = form.elements[name].value;
      });
    }
    if (row.dataset.openedAt) {
      values.edit_ms = String(Math.max(0, Date.now() - Number(row.dataset.openedAt)));
    }
    const button = form.querySelector("button." + (action === "override" ? "approve-anyway" : action));
    return { url: button && button.getAttribute("formaction"), values: values };
  }

  // Queues an action on a row; "stay" actions (a button, Enter in a reason) put the focus
  // on the row itself when they are done, never in its box.
  function act(row, action, stay) {
    const shot = snapshot(row, action);
    if (!shot.url) return false;
    row.classList.add("saving");
    queue.push({ rowId: row.id, num: row.dataset.num, action: action, stay: stay, ...shot });
    setTimeout(pump, 0);
    return true;
  }

  function pump() {
    if (busy || !queue.length) return;
    busy = true;
    const job = queue.shift();
    send(job).finally(function () {
      busy = false;
      pump();
    });
  }

  function send(job) {
    const row = document.getElementById(job.rowId);
    if (!row) return Promise.resolve();
    const form = row.querySelector("form.seg-form");
    const values = Object.assign({}, job.values, { version: form.elements.version.value });
    const token = form.elements.csrfmiddlewaretoken;
    if (token) values.csrfmiddlewaretoken = token.value;
    return htmx
      .ajax("POST", job.url, {
        source: row,
        target: row,
        values: values,
        handler: function (_elt, info) { answered(job, info.xhr); },
      })
      .catch(function () { failedSave(job, "the connection failed; the text is still in its box"); });
  }

  function typingIn(row) {
    const active = document.activeElement;
    return Boolean(
      row && active && row.contains(active) && active.matches("textarea, input[type=text]")
    );
  }

  function answered(job, xhr) {
    const row = document.getElementById(job.rowId);
    const ok = xhr.status >= 200 && xhr.status < 300;
    if (!row || xhr.status >= 500 || !xhr.responseText) {
      failedSave(job, "the server could not save it (" + xhr.status + "); the text is still in its box");
      return;
    }
    const focusWasInRow = row.contains(document.activeElement);
    const area = box(row);
    // Typed in since this snapshot (a later save of the row is queued, or will be): the
    // box keeps what it holds.
    const changedSince = area && "target" in job.values && area.value !== job.values.target;
    if (typingIn(row) || changedSince) {
      merge(row, xhr.responseText, ok);
    } else {
      const picked = row.querySelector("input.pick");
      const wasPicked = picked && picked.checked;
      parkAssist(row);
      htmx.swap(row, xhr.responseText, { swapStyle: "outerHTML" });
      resync();
      const fresh = document.getElementById(job.rowId);
      if (fresh) {
        const pick = fresh.querySelector("input.pick");
        if (pick && wasPicked) pick.checked = true;
        // An action taken on the row (a button, Enter in a reason) keeps the focus on it;
        // a save left behind by Ctrl+Enter never takes it back.
        if (job.stay && focusWasInRow) focusRow(fresh);
      }
    }
    const fresh = document.getElementById(job.rowId);
    const more = queue.some(function (later) { return later.rowId === job.rowId; });
    if (fresh) fresh.classList.toggle("saving", more);
    if (ok) {
      forget(job.rowId);
    } else {
      const error = fresh && fresh.querySelector(".error");
      failedSave(job, error ? error.textContent.trim() : "it was refused (" + xhr.status + ")");
    }
  }

  // The user is typing in the row that was saved: it takes the new version and state,
  // or the error and the conflict, and keeps its box and what is in it.
  function merge(row, html, ok) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const fresh = template.content.querySelector(".seg[data-segment]");
    const oob = Array.from(template.content.querySelectorAll("[hx-swap-oob]"));
    if (oob.length) {
      const holder = document.createElement("div");
      oob.forEach(function (el) { holder.appendChild(el); });
      htmx.swap(document.body, holder.innerHTML, { swapStyle: "none" });
    }
    if (!fresh) return;
    const form = row.querySelector("form.seg-form");
    const area = box(row);
    const freshArea = box(fresh);
    const editor = area && area.closest(".editor");
    if (ok) {
      form.elements.version.value = fresh.querySelector("input[name=version]").value;
      const kept = ["active", "current", "saving"].filter(function (c) { return row.classList.contains(c); });
      row.className = fresh.className;
      kept.forEach(function (c) { row.classList.add(c); });
      row.dataset.state = fresh.dataset.state;
      if (fresh.dataset.qa) row.dataset.qa = fresh.dataset.qa;
      else delete row.dataset.qa;
      row.querySelector(".seg-state").replaceWith(fresh.querySelector(".seg-state"));
      if (area && freshArea) area.defaultValue = freshArea.defaultValue;
      if (editor && area.value !== area.defaultValue) editor.classList.add("edited");
      row.querySelectorAll(".seg-form > .error, :scope > .conflict").forEach(function (el) { el.remove(); });
    } else {
      const error = fresh.querySelector(".seg-form > .error");
      const conflict = fresh.querySelector(":scope > .conflict");
      row.querySelectorAll(".seg-form > .error, :scope > .conflict").forEach(function (el) { el.remove(); });
      if (error && editor) editor.after(error);
      if (conflict) {
        row.querySelector(".seg-state").after(conflict);
        htmx.process(conflict);
      }
    }
  }

  const NOT_DONE = { save: "saved", approve: "approved", override: "approved", reject: "rejected" };

  function failedSave(job, why) {
    const row = document.getElementById(job.rowId);
    const done = NOT_DONE[job.action] || "saved";
    if (row) {
      row.classList.remove("saving");
      row.classList.add("save-failed");
      const state = row.querySelector(".seg-state");
      if (state && !state.querySelector(".save-flag")) {
        const flag = document.createElement("span");
        flag.className = "save-flag";
        flag.textContent = "Not " + done;
        state.appendChild(flag);
      }
      // A rejection refused (no reason): the focus, still on the row, goes to the reason.
      const reason = row.querySelector("input.reason-input[name=reason]");
      if (job.action === "reject" && reason && row === document.activeElement) reason.focus();
    }
    forget(job.rowId);
    failed.push(job.rowId);
    announce("Segment " + job.num + " was not " + done + ": " + why + ". Alt+Shift+E goes back to it.");
  }

  function forget(rowId) {
    const at = failed.indexOf(rowId);
    if (at >= 0) failed.splice(at, 1);
    const row = document.getElementById(rowId);
    if (row && !row.classList.contains("save-failed")) return;
    if (row && at >= 0) {
      row.classList.remove("save-failed");
      const flag = row.querySelector(".save-flag");
      if (flag) flag.remove();
    }
  }

  function backToFailed() {
    for (let i = failed.length - 1; i >= 0; i--) {
      const row = document.getElementById(failed[i]);
      if (!row) continue;
      if (!focusBox(row)) focusRow(row);
      announce("Segment " + row.dataset.num + ": not saved yet.");
      return true;
    }
    announce("No save has failed.");
    return false;
  }

  // Buttons and plain submits of a row go through the same queue, and leave the focus
  // on the row: never in a box the user did not choose.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.matches || !form.matches("form.seg-form")) return;
    const row = rowOf(form);
    const button = event.submitter;
    let action = "save";
    if (button && button.classList.contains("approve")) action = "approve";
    else if (button && button.classList.contains("approve-anyway")) action = "override";
    else if (button && /reject/.test(button.className)) action = "reject";
    event.preventDefault();
    if (act(row, action, true)) focusRow(row);
  });

  // --- the keyboard ---------------------------------------------------------------------

  function openHelp() {
    const help = document.getElementById("shortcuts-help");
    if (help && !help.open) help.showModal();
  }

  document.addEventListener("keydown", function (event) {
    if (loading && event.target === list) {
      // The next page is on its way: what is typed goes into its box when it comes.
      if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
        loading.buffer += event.key;
        event.preventDefault();
      } else if (event.key === "Backspace") {
        loading.buffer = loading.buffer.slice(0, -1);
        event.preventDefault();
      }
      return;
    }
    const target = event.target;
    const inField = target.matches && target.matches("input, textarea, select, [contenteditable]");
    if ((event.ctrlKey || event.metaKey) && (event.key === "/" || event.code === "Slash")) {
      event.preventDefault();
      openHelp();
      return;
    }
    if (event.key === "?" && !inField) {
      event.preventDefault();
      openHelp();
      return;
    }
    if (event.altKey && event.shiftKey && event.code === "KeyE") {
      event.preventDefault();
      backToFailed();
      return;
    }
    const row = rowOf(target);
    if (!row || !list.contains(row)) return;
    const area = target.matches("textarea.translation") ? target : null;
    if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      if (event.key === "ArrowDown") moveTo(nextRow, row);
      else {
        const previous = neighbour(row, -1);
        if (previous && !focusBox(previous)) focusRow(previous);
      }
      return;
    }
    if (target.matches("input.reason-input") && event.key === "Enter" && !event.isComposing) {
      // Enter in a reason does what the reason is for: reject, or approve despite QA errors.
      event.preventDefault();
      if (act(row, target.name === "override_reason" ? "override" : "reject", true)) focusRow(row);
      return;
    }
    if (!area) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!area.readOnly) act(row, "save", false);
      moveTo(event.shiftKey ? nextNeedingWork : nextRow, row);
    } else if (event.key === "Enter" && event.altKey) {
      event.preventDefault();
      if (act(row, "approve", false)) moveTo(nextRow, row);
    } else if (event.key === "Escape" && area.value !== area.defaultValue) {
      event.preventDefault();
      area.value = area.defaultValue;
      area.dispatchEvent(new Event("input", { bubbles: true }));
      announce("Edit dropped");
    }
  });

  // A box edited since it was drawn hides the marks drawn behind it: they belong to the saved text.
  document.addEventListener("input", function (event) {
    const area = event.target;
    if (!area.matches || !area.matches("textarea.translation")) return;
    const editor = area.closest(".editor");
    if (editor) {
      editor.classList.toggle("edited", area.value !== area.defaultValue);
      drawBreaks(editor, area);
    }
    if (!autoSized) fit(area);
  });

  // The line breaks of a box being edited, drawn as marks behind its text (the marks of
  // the saved text are hidden then): a break typed by mistake is seen at once.
  function drawBreaks(editor, area) {
    let layer = editor.querySelector(".breaks");
    if (!/[\r\n]/.test(area.value)) {
      if (layer) layer.remove();
      return;
    }
    if (!layer) {
      layer = document.createElement("div");
      layer.className = "breaks";
      layer.setAttribute("aria-hidden", "true");
      editor.prepend(layer);
    }
    const parts = [];
    area.value.split(/(\r\n|\r|\n)/).forEach(function (piece, i) {
      if (i % 2) {
        const mark = document.createElement("span");
        mark.className = "lb";
        parts.push(mark);
      }
      parts.push(piece);
    });
    layer.replaceChildren.apply(layer, parts);
  }

  // Browsers without field-sizing: content grow the boxes here.
  const autoSized = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");
  function fit(area) {
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }

  function announce(text) {
    const live = document.getElementById("announcer");
    if (live) live.textContent = text;
  }

  // Other swaps (panels, "Use mine", the memory's "Use this translation"): a swapped row
  // is prepared like the others, and the focus it held goes to the row, never to <body>.
  let focusedRowId = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    const row = rowOf(event.detail.target);
    focusedRowId = row && row.contains(document.activeElement) ? row.id : null;
    parkAssist(event.detail.target);
  });
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    parkAssist(event.detail.target);  // a row someone else changed (live.js)
  });
  document.addEventListener("htmx:afterSettle", function () {
    resync();
    const row = focusedRowId && document.getElementById(focusedRowId);
    focusedRowId = null;
    if (row && document.activeElement === document.body) focusRow(row);
  });

  // --- the help ------------------------------------------------------------------------

  document.querySelectorAll("[data-opens]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      const dialog = document.getElementById(button.dataset.opens);
      if (dialog) dialog.showModal();
    });
  });

  // --- start ----------------------------------------------------------------------------

  rows().forEach(prepare);
  makeCurrent(startRow());
  if (!autoSized) list.querySelectorAll("textarea.translation").forEach(fit);
  // After an action that loaded the page (a bulk action, an undo, a filter, a link to a
  // segment) the focus goes to what it changed, not to <body>.
  const messages = document.querySelector("main .messages");
  if (messages) {
    messages.tabIndex = -1;
    messages.focus({ preventScroll: true });
  } else if (location.hash && current && location.hash === "#" + current.id) {
    // "Go to segment N" and links to a segment land in its box, as "Skip to the
    // segments" does: what is typed next is the edit.
    if (focusBox(current)) {
      // The browser then focuses the row the URL names (it can take the focus): the
      // focus goes back into its box, until the page has loaded.
      const named = current;
      const intoBox = function (event) {
        if (event.target === named) focusBox(named);
      };
      named.addEventListener("focus", intoBox);
      window.addEventListener("load", function () {
        setTimeout(function () { named.removeEventListener("focus", intoBox); }, 0);
      });
    } else focusRow(current);
  } else if (list.dataset.filtered) {
    const count = document.getElementById("segment-count");
    if (count) count.focus({ preventScroll: true });
  }
})();
