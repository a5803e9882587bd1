// Keyboard flow for the review page. Everything here is an enhancement: without it the
// page is a set of plain forms that work on their own.
(function () {
  "use strict";
  // After an htmx swap of a row, where focus goes: {rowId, move: "stay"|"next"|"work"}.
  let focusAfterSwap = null;
  let lastPicked = null; // for shift-click ranges of bulk checkboxes

  function rows() {
    return Array.from(document.querySelectorAll(".segments .seg[data-segment]"));
  }

  function focusRow(row) {
    const area = row && row.querySelector("textarea.translation");
    if (area) {
      area.focus();
      area.scrollIntoView({ block: "nearest" });
    }
    return Boolean(area);
  }

  function neighbour(row, step) {
    const all = rows();
    return all[all.indexOf(row) + step];
  }

  function nextNeedingWork(row) {
    const list = document.querySelector(".segments");
    const wanted = (list && list.dataset.needsWork || "").split(" ");
    const all = rows();
    const start = all.indexOf(row);
    for (let i = 1; i <= all.length; i++) {
      const candidate = all[(start + i) % all.length];
      if (wanted.includes(candidate.dataset.state)) return candidate;
    }
    return neighbour(row, 1);
  }

  function submitRow(row, buttonClass, move) {
    const button = row.querySelector("button." + buttonClass);
    if (!button) return false;
    focusAfterSwap = { rowId: row.id, move: move };
    button.click();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    const area = event.target.closest && event.target.closest("textarea.translation");
    const inField = event.target.matches && event.target.matches("input, textarea, select");
    if (event.key === "?" && !inField) {
      const help = document.getElementById("shortcuts-help");
      if (help) {
        event.preventDefault();
        help.showModal();
      }
      return;
    }
    if (!area) return;
    const row = area.closest(".seg");
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      const move = event.shiftKey ? "work" : "next";
      if (!submitRow(row, "save", move)) {
        focusRow(move === "work" ? nextNeedingWork(row) : neighbour(row, 1));
      }
    } else if (event.key === "Enter" && event.altKey) {
      event.preventDefault();
      submitRow(row, "approve", "next");
    } else if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      focusRow(neighbour(row, event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Escape" && area.value !== area.defaultValue) {
      event.preventDefault();
      area.value = area.defaultValue;
      announce("Edit dropped");
    }
  });

  function announce(text) {
    const live = document.getElementById("announcer");
    if (live) live.textContent = text;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    const row = event.detail.elt.closest && event.detail.elt.closest(".seg");
    if (row && !focusAfterSwap) focusAfterSwap = { rowId: row.id, move: "stay" };
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!focusAfterSwap) return;
    const wanted = focusAfterSwap;
    const row = document.getElementById(wanted.rowId);
    focusAfterSwap = null;
    if (!row) return;
    const failed = row.querySelector(".error");
    if (failed || wanted.move === "stay") {
      if (!row.contains(document.activeElement)) focusRow(row);
    } else if (wanted.move === "work") {
      focusRow(nextNeedingWork(row) || row);
    } else {
      focusRow(neighbour(row, 1) || row);
    }
  });

  // Time to edit: from the first focus on a row's text to its save, sent as edit_ms.
  // Without JavaScript the field stays empty and the edit is simply not timed.
  document.addEventListener("focusin", function (event) {
    const area = event.target.closest && event.target.closest("textarea.translation");
    const row = area && area.closest(".seg");
    if (row && !row.dataset.openedAt) row.dataset.openedAt = String(Date.now());
  });

  function editTime(form) {
    const row = form && form.closest(".seg");
    const field = form && form.querySelector("input.edit-ms");
    if (!row || !field || !row.dataset.openedAt) return "";
    field.value = String(Math.max(0, Date.now() - Number(row.dataset.openedAt)));
    return field.value;
  }

  document.addEventListener("submit", function (event) { editTime(event.target); }, true);
  document.addEventListener("htmx:configRequest", function (event) {
    const form = event.detail.elt.closest && event.detail.elt.closest("form.seg-form");
    const elapsed = editTime(form);
    if (elapsed) event.detail.parameters["edit_ms"] = elapsed;
  });

  // Bulk selection: shift-click selects a range; one box selects the whole page.
  document.addEventListener("click", function (event) {
    const box = event.target;
    if (!box.matches || !box.matches("input.pick")) return;
    const picks = Array.from(document.querySelectorAll("input.pick"));
    if (event.shiftKey && lastPicked) {
      const [a, b] = [picks.indexOf(lastPicked), picks.indexOf(box)].sort((x, y) => x - y);
      picks.slice(a, b + 1).forEach(function (p) { p.checked = box.checked; });
    }
    lastPicked = box;
  });
  document.addEventListener("change", function (event) {
    if (event.target.id !== "select-page") return;
    document.querySelectorAll("input.pick").forEach(function (p) {
      p.checked = event.target.checked;
    });
  });
  // "Add to glossary" from a selection in a translation box: a small button appears in
  // the row and fills the page's glossary form (a plain form that also works without JS).
  function selectedText(area) {
    return area.value.slice(area.selectionStart, area.selectionEnd).trim();
  }

  function offerGlossary(area) {
    const panel = document.getElementById("glossary-quick");
    const row = area.closest(".seg");
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
    announce("Glossary form filled with the selection");
  });
})();
