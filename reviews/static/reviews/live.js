// Others' work on the review page: rows someone else changed are redrawn (htmx polls
// #live every 3 s and swaps them in out of band); this module says what the page shows
// (each row's version and comment count, and the rows being edited, never swapped),
// puts the server's notices ("translator changed this segment", "editor is editing")
// into their rows, and sends the heartbeat of a focused translation box.
// Without JavaScript the page simply shows what it had when it was loaded.
(function () {
  "use strict";
  const live = document.getElementById("live");
  const list = document.querySelector(".segments");
  if (!live || !list) return;
  // reviews/presence.py keeps a mark 30 s: three heartbeats.
  const HEARTBEAT_MS = 10000;

  function rowOf(node) {
    return node && node.closest ? node.closest(".seg[data-segment]") : null;
  }

  function rows() {
    return Array.from(list.querySelectorAll(".seg[data-segment]"));
  }

  // What the page shows: "id:version:comments" per row.
  function seen() {
    return rows().map(function (row) {
      const id = row.dataset.segment;
      const version = row.querySelector("form input[name=version]");
      const comments = document.getElementById("comment-count-" + id);
      return [id, version ? version.value : "0", comments ? comments.textContent.trim() || "0" : "0"].join(":");
    }).join(",");
  }

  // The rows the user is working in: the focused one, and any with unsaved text.
  function editing() {
    const ids = new Set();
    const active = rowOf(document.activeElement);
    if (active) ids.add(active.dataset.segment);
    list.querySelectorAll("textarea.translation").forEach(function (area) {
      const row = rowOf(area);
      if (row && area.value !== area.defaultValue) ids.add(row.dataset.segment);
    });
    return Array.from(ids).join(",");
  }

  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt !== live) return;
    event.detail.parameters.seen = seen();
    event.detail.parameters.editing = editing();
  });

  function announce(text) {
    const announcer = document.getElementById("announcer");
    if (announcer) announcer.textContent = text;
  }

  function place(row, notice) {
    const area = row.querySelector("textarea.translation");
    const after = area && (area.closest(".editor") || area);
    if (after && after.parentNode) after.parentNode.insertBefore(notice, after.nextSibling);
    else row.appendChild(notice);
  }

  // After each poll: "is editing" notices are replaced by the latest ones; a notice of a
  // change stays in its row until the row is drawn again (a save, or the next change).
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== live || !event.detail.successful) return;
    const holder = document.getElementById("live-notices");
    if (!holder) return;
    const fresh = Array.from(holder.querySelectorAll(".seg-live"));
    const wanted = new Set(fresh.map(function (n) { return n.dataset.segment + "|" + n.textContent; }));
    list.querySelectorAll(".seg-live").forEach(function (old) {
      const row = rowOf(old);
      const key = (row && row.dataset.segment) + "|" + old.textContent;
      if (old.dataset.kind === "editing" && !wanted.has(key)) old.remove();
    });
    const said = [];
    fresh.forEach(function (notice) {
      const row = document.getElementById("seg-" + notice.dataset.segment);
      if (!row) return;
      const same = Array.from(row.querySelectorAll(".seg-live")).some(function (old) {
        return old.textContent === notice.textContent;
      });
      if (same) return;
      if (notice.dataset.kind !== "editing") {
        row.querySelectorAll(".seg-live:not([data-kind=editing])").forEach(function (old) { old.remove(); });
      }
      const copy = notice.cloneNode(true);
      copy.setAttribute("role", "note");
      place(row, copy);
      said.push("Segment " + (row.dataset.num || "") + ": " + notice.textContent);
    });
    if (said.length) announce(said.join(". "));
  });

  // --- presence: the heartbeat of the focused translation box -------------------------

  let beating = null; // {id, timer}

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  function tell(id, gone) {
    const url = live.dataset.presence.replace("/0/", "/" + encodeURIComponent(id) + "/");
    const body = new URLSearchParams(gone ? { gone: "1" } : {});
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
      keepalive: Boolean(gone),
    }).catch(function () { /* a hint only: the next heartbeat tries again */ });
  }

  function stop(say) {
    if (!beating) return;
    clearInterval(beating.timer);
    if (say) tell(beating.id, true);
    beating = null;
  }

  document.addEventListener("focusin", function (event) {
    const area = event.target.closest && event.target.closest("textarea.translation");
    const row = rowOf(area);
    if (!row || area.readOnly) return;
    const id = row.dataset.segment;
    if (beating && beating.id === id) return;
    stop(false);
    tell(id, false);
    beating = { id: id, timer: setInterval(function () { tell(id, false); }, HEARTBEAT_MS) };
  });

  document.addEventListener("focusout", function (event) {
    if (!beating || !(event.target.closest && event.target.closest("textarea.translation"))) return;
    // Focus moving to the row's own buttons keeps the mark: decided once it has moved.
    setTimeout(function () {
      const row = rowOf(document.activeElement);
      if (beating && (!row || row.dataset.segment !== beating.id)) stop(true);
    }, 0);
  });

  window.addEventListener("pagehide", function () { stop(true); });
})();
