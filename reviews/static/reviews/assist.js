// The assistance panel of the active row (templates/reviews/assist.html#assist-panel):
// the MT and the source, numbered memory matches, the glossary terms of the segment and
// its QA issues with their quick fixes and dismissals. An enhancement: without
// JavaScript every row links to the same panel on a page of its own.
//
// review.js announces each activation ("workbench:activate") and moves the #assist
// aside into the active row's .seg-assist slot; here the aside is filled (a GET of the
// row's "Assistance" link, as htmx asks for the partial) and its keys are handled.
// A row swapped by an answer takes the aside with it: it is made again here.
//
// Keys (in the active row; listed in the shortcut help): Alt+Shift+1..9 puts memory
// match n into the box, Alt+Shift+M the MT, Alt+Shift+S the source (neither is saved
// until Ctrl+Enter; Esc drops it); Alt+Shift+F applies the first quick fix,
// Alt+Shift+D asks why the first check does not apply and Enter dismisses it,
// Alt+Shift+A goes into the panel, Esc there goes back to the box. Alt+Shift because
// Alt+1..9 (Linux) and Ctrl+1..9 switch tabs in Chromium, and Ctrl+Alt is AltGr on
// Windows, which types characters on many keyboards.
(function () {
  "use strict";
  const list = document.getElementById("segments");
  if (!list) return;
  // ms: moving through rows quickly loads only the row stopped at; while a save is on its
  // way the panel waits for it (saves first: on SQLite a read can hold up a write).
  const LOAD_DELAY = 150;
  let pending = null; // {key, promise, controller}: the panel on its way
  let timer = null;
  let refocus = null; // the id of a row whose box takes the focus after its fix or dismissal

  function rowOf(node) {
    return node && node.closest ? node.closest(".seg[data-segment]") : null;
  }

  function box(row) {
    return row && row.querySelector("textarea.translation");
  }

  function version(row) {
    const field = row.querySelector("form.seg-form input[name=version]");
    return field ? field.value : "";
  }

  function announce(text) {
    const live = document.getElementById("announcer");
    if (live) live.textContent = text;
  }

  function focusBox(row) {
    const area = box(row);
    if (!area) return;
    area.focus({ preventScroll: true });
    area.setSelectionRange(area.value.length, area.value.length);
  }

  // The aside, in the row's slot (made again if an answer swapped it away with its row).
  function aside(row) {
    let panel = document.getElementById("assist");
    if (!panel) {
      panel = document.createElement("aside");
      panel.id = "assist";
      panel.className = "assist";
      panel.setAttribute("aria-label", "Assistance for the active segment");
    }
    const slot = row.querySelector(".seg-assist");
    if (slot && panel.parentNode !== slot) slot.appendChild(panel);
    return panel;
  }

  // What the aside shows now, if it is this row's segment at its current version.
  function shown(row, panel) {
    const content = panel.querySelector(".assist-panel");
    return Boolean(
      content &&
        content.dataset.segment === row.dataset.segment &&
        content.dataset.version === version(row)
    );
  }

  // A promise of the aside holding this row's panel: at once if it does already.
  function ready(row) {
    const link = row.querySelector("a.assist-link");
    const panel = aside(row);
    if (!link) return Promise.reject(new Error("no panel"));
    if (shown(row, panel)) {
      panel.hidden = false;
      return Promise.resolve(panel);
    }
    const key = row.dataset.segment + ":" + version(row);
    if (pending && pending.key === key) return pending.promise;
    if (pending) pending.controller.abort();
    const content = panel.querySelector(".assist-panel");
    if (!content || content.dataset.segment !== row.dataset.segment) {
      panel.innerHTML = '<p class="muted assist-loading">Loading the assistance…</p>';
    }
    panel.hidden = false;
    panel.setAttribute("aria-busy", "true");
    const controller = new AbortController();
    const promise = fetch(link.getAttribute("href"), {
      headers: { "HX-Request": "true" },
      signal: controller.signal,
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        if (pending && pending.controller === controller) pending = null;
        // The row may have been swapped meanwhile (an answer): its successor takes it.
        const live = document.getElementById(row.id);
        if (!live) throw new DOMException("the row is gone", "AbortError");
        const target = aside(live);
        target.innerHTML = html;
        target.removeAttribute("aria-busy");
        htmx.process(target);
        return target;
      })
      .catch(function (error) {
        if (pending && pending.controller === controller) pending = null;
        if (error.name !== "AbortError") {
          panel.removeAttribute("aria-busy");
          panel.innerHTML = '<p class="error">The assistance could not be loaded.</p>';
        }
        throw error;
      });
    pending = { key: key, promise: promise, controller: controller };
    return promise;
  }

  function quietly(promise) {
    promise.catch(function () {});
  }

  document.addEventListener("workbench:activate", function (event) {
    const row = event.detail.row;
    aside(row);
    if (refocus === row.id) {
      refocus = null;
      focusBox(row);
    }
    later(row);
  });

  // A row made active by ticking its bulk checkbox is being selected, not worked on: the
  // panel waits for its box (loading it would push the rows being ticked down the page).
  function selecting() {
    const focused = document.activeElement;
    return Boolean(focused && focused.matches && focused.matches("input.pick"));
  }

  document.addEventListener("focusin", function (event) {
    const area = event.target.closest && event.target.closest("textarea.translation");
    const row = area && area.closest(".seg");
    if (row && row.classList.contains("active") && !shown(row, aside(row))) later(row);
  });

  function later(row) {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (!row.classList.contains("active") || !document.body.contains(row)) return;
      if (selecting()) {
        const panel = aside(row);
        if (!shown(row, panel)) panel.hidden = true; // not another row's panel, either
        return;
      }
      if (list.querySelector(".seg.saving")) later(row);
      else quietly(ready(row));
    }, LOAD_DELAY);
  }

  // --- using a text: copied into the box, never saved here ------------------------------

  function put(row, text, what) {
    const area = box(row);
    if (!area || area.readOnly) {
      announce("This segment cannot be changed.");
      return;
    }
    area.focus({ preventScroll: true });
    area.select();
    // insertText keeps the browser's undo (Ctrl+Z brings the text back) and says "input".
    if (!document.execCommand || !document.execCommand("insertText", false, text)) {
      area.value = text;
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
    area.setSelectionRange(area.value.length, area.value.length);
    announce(what + " is in the box, not saved: Ctrl+Enter saves it, Esc drops it.");
  }

  function describe(form) {
    const kind = form.dataset.kind;
    if (kind === "mt") return "The MT";
    if (kind === "source") return "The source";
    const button = form.querySelector("button[data-number]");
    return "Memory match " + (button ? button.dataset.number : "");
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.matches || !form.matches("form.assist-use") || !form.closest("#assist")) return;
    const row = rowOf(form);
    if (!row) return;
    event.preventDefault();
    put(row, form.elements.target.value, describe(form));
  });

  // A fix or a dismissal is for the saved text: not while the box holds another one.
  document.addEventListener("htmx:beforeRequest", function (event) {
    const form = event.detail.elt;
    if (!form.matches || !form.matches("form.assist-fix, form.assist-dismiss")) return;
    const row = rowOf(form);
    const area = box(row);
    if (!row) return;
    if (row.classList.contains("saving")) {
      event.preventDefault();
      announce("Segment " + row.dataset.num + " is being saved: try again in a moment.");
    } else if (area && area.value !== area.defaultValue) {
      event.preventDefault();
      announce(
        "The box has unsaved changes: save them (Ctrl+Enter) or drop them (Esc) first. " +
          "Fixes and dismissals are for the saved text."
      );
    } else {
      refocus = row.id; // the row comes back swapped; its box takes the focus
    }
  });

  // --- the keys -------------------------------------------------------------------------

  function firstControl(panel) {
    return panel.querySelector("button, input:not([type=hidden]), summary, a[href]");
  }

  const ACTIONS = {
    KeyM: function (row, panel) {
      const form = panel.querySelector("form.assist-use[data-kind=mt]");
      if (form) put(row, form.elements.target.value, "The MT");
      else announce("No MT to copy.");
    },
    KeyS: function (row, panel) {
      const form = panel.querySelector("form.assist-use[data-kind=source]");
      if (form) put(row, form.elements.target.value, "The source");
      else announce("No source to copy.");
    },
    KeyF: function (row, panel) {
      const form = panel.querySelector("form.assist-fix");
      if (!form) {
        announce("No quick fix for this segment.");
        return;
      }
      announce("Applying: " + form.querySelector("button").textContent.trim());
      form.requestSubmit();
    },
    KeyD: function (row, panel) {
      const form = panel.querySelector("form.assist-dismiss");
      if (!form) {
        announce("No QA check to dismiss here.");
        return;
      }
      const reason = form.elements.reason;
      reason.focus();
      reason.scrollIntoView({ block: "nearest" });
    },
    KeyA: function (row, panel) {
      const control = firstControl(panel);
      if (control) control.focus();
      else {
        const title = panel.querySelector("h2");
        title.tabIndex = -1;
        title.focus();
      }
    },
  };

  function match(row, panel, number) {
    const button = panel.querySelector("form.assist-use button[data-number='" + number + "']");
    if (button) put(row, button.form.elements.target.value, "Memory match " + number);
    else announce("There is no memory match " + number + ".");
  }

  document.addEventListener("keydown", function (event) {
    const row = rowOf(event.target);
    if (!row || !list.contains(row)) return;
    if (event.key === "Escape" && event.target.closest("#assist")) {
      event.preventDefault();
      focusBox(row);
      return;
    }
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
    const action = digit ? null : ACTIONS[event.code];
    if (!digit && !action) return;
    event.preventDefault();
    clearTimeout(timer);
    ready(row)
      .then(function (panel) {
        const current = rowOf(panel) || row;
        if (digit) match(current, panel, digit[1]);
        else action(current, panel);
      })
      .catch(function (error) {
        if (error.name !== "AbortError") announce("The assistance could not be loaded.");
      });
  });

  // --- start: a row activated before this script ran ------------------------------------

  const active = list.querySelector(".seg.active[data-segment]");
  if (active) quietly(ready(active));
})();
