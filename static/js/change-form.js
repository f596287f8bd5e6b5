// The article change form, enhanced: the action bar stays in view, the body editor gets its name
// and the spellchecker, words and reading time count as one types, the search and social previews
// follow the fields, the publish button says whether it publishes now or schedules (and scheduling
// asks first), and leaving with unsaved changes asks first. The form works without any of it.
(function () {
  "use strict";

  const form = document.getElementById("article_form");
  const bar = document.querySelector("[data-desk-bar]");
  if (!form || !bar) return;

  const field = (name) => form.elements.namedItem(name);
  const text = (value) => (value || "").replace(/\s+/g, " ").trim();

  // --- The bar stays in view; the editor's own toolbar sticks just under it -------------------
  const measure = () =>
    document.documentElement.style.setProperty("--desk-bar-height", bar.offsetHeight + "px");
  measure();
  if ("ResizeObserver" in window) new ResizeObserver(measure).observe(bar);

  // --- The body editor: an accessible name and the browser's spellchecker -----------------------
  const bodyLabel = () => {
    const label = form.querySelector("label[for='id_body']");
    return label ? text(label.textContent).replace(/:$/, "") : "Body";
  };
  const dressEditor = (dom) => {
    if (!dom || dom.dataset.deskDressed) return;
    dom.dataset.deskDressed = "1";
    dom.setAttribute("aria-label", bodyLabel());
    dom.setAttribute("aria-multiline", "true");
    dom.setAttribute("spellcheck", "true");
  };
  document.addEventListener("prose-editor:ready", (event) => {
    const editor = event.detail && event.detail.editor;
    if (editor) dressEditor(editor.view.dom);
  });
  form.querySelectorAll(".ProseMirror[contenteditable]").forEach(dressEditor);

  // Select2 (authors, tags) adds a search box with no name of its own: give it its field's label.
  // Its "remove all" cross is a mouse-only <span> inside the list of choices; the choices' own
  // crosses and Backspace do the same from the keyboard, so it is hidden from assistive technology.
  const nameSearchBoxes = () => {
    form.querySelectorAll(".select2-search__field:not([aria-label])").forEach((input) => {
      const row = input.closest(".form-row");
      const label = row && row.querySelector("label");
      if (label) input.setAttribute("aria-label", text(label.textContent).replace(/:$/, ""));
    });
    // A single choice (the lead image) shows what is chosen in a read-only textbox: name it by its
    // field, followed by the choice, and rename it when the choice changes.
    form.querySelectorAll(".select2-selection--single .select2-selection__rendered").forEach((box) => {
      const row = box.closest(".form-row");
      const label = row && row.querySelector("label");
      if (!label) return;
      const field = text(label.textContent).replace(/:$/, "");
      const chosen = box.getAttribute("title");
      const name = chosen ? `${field}: ${chosen}` : field;
      if (box.getAttribute("aria-label") !== name) box.setAttribute("aria-label", name);
    });
    form.querySelectorAll(".select2-selection__clear:not([aria-hidden])").forEach((cross) => {
      cross.setAttribute("aria-hidden", "true");
    });
  };
  // The editor's toolbar greys out buttons that do nothing now (undo with nothing to undo) by a
  // class alone: say so to assistive technology too.
  const markDisabledButtons = () => {
    form.querySelectorAll(".prose-menubar__button").forEach((button) => {
      const disabled = button.classList.contains("disabled") && !button.classList.contains("active");
      if (button.getAttribute("aria-disabled") !== String(disabled)) {
        button.setAttribute("aria-disabled", String(disabled));
      }
    });
  };
  const enhance = () => { nameSearchBoxes(); markDisabledButtons(); };
  enhance();
  new MutationObserver(enhance).observe(form, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["class"],
  });

  // --- Words and reading time ---------------------------------------------------------------------
  const wordsPerMinute = Number(bar.dataset.wordsPerMinute) || 200;
  const wordCount = bar.querySelector("[data-word-count]");
  const readingTime = bar.querySelector("[data-reading-time]");
  const bodyText = () => {
    const editor = form.querySelector(".ProseMirror[contenteditable]");
    if (editor) return editor.innerText || "";
    const body = field("body");
    if (!body) {
      const rendered = form.querySelector(".rendered-body"); // read only: the story as readers see it
      return rendered ? rendered.innerText : "";
    }
    const parsed = new DOMParser().parseFromString(body.value || "", "text/html");
    return parsed.body.textContent || "";
  };
  const count = () => {
    if (!wordCount) return;
    const words = text(bodyText()).split(" ").filter(Boolean).length;
    wordCount.textContent = String(words);
    readingTime.textContent = String(words ? Math.max(1, Math.ceil(words / wordsPerMinute)) : 0);
  };

  // --- Search result and social card previews ------------------------------------------------------
  const previews = document.querySelector("[data-share-preview]");
  const cut = (value, limit) => {
    if (value.length <= limit) return value;
    const room = value.slice(0, limit - 1);
    const space = room.lastIndexOf(" ");
    return (space > limit * 0.6 ? room.slice(0, space) : room).replace(/[\s.,;:]+$/, "") + "…";
  };
  const updatePreviews = () => {
    if (!previews) return;
    const site = previews.querySelector("[data-preview-site]").dataset.previewSite;
    const headline = text(field("headline") && field("headline").value) || "(headline)";
    const summary = field("summary-0-text");
    const description = cut(
      text(field("standfirst") && field("standfirst").value) ||
        text(summary && summary.value) ||
        text(bodyText()),
      160,
    );
    const slug = text(field("slug") && field("slug").value);
    const set = (selector, value) => {
      const node = previews.querySelector(selector);
      if (node) node.textContent = value;
    };
    set("[data-preview-url]", previews.dataset.urlPrefix + (slug ? slug + "/" : ""));
    set("[data-preview-title]", headline + " · " + site);
    set("[data-preview-card-title]", headline);
    set("[data-preview-description]", description);
    set("[data-preview-card-description]", description);
  };

  // --- Publish now, or schedule: the label follows the time, and scheduling asks first -------------
  const zone = bar.dataset.zone;
  const scheduled = bar.hasAttribute("data-scheduled");
  const dateBox = field("publish_at_0");
  const timeBox = field("publish_at_1");
  const nowInNewsroom = () => {
    const parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date()).forEach((part) => { parts[part.type] = part.value; });
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  };
  // The typed time as "YYYY-MM-DDTHH:MM:SS" when the boxes hold ISO dates (the admin's default).
  const typedTime = () => {
    if (!dateBox || !timeBox) return null;
    const date = text(dateBox.value);
    const time = text(timeBox.value);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,2}:\d{2}(:\d{2})?$/.test(time)) return null;
    const [h, m, s] = time.split(":");
    return `${date}T${h.padStart(2, "0")}:${m}:${(s || "00").padStart(2, "0")}`;
  };
  const schedulesAt = () => {
    const when = typedTime();
    return !scheduled && when && when > nowInNewsroom() ? when : null;
  };
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const shortTime = (when) => `${Number(when.slice(8, 10))} ${months[Number(when.slice(5, 7)) - 1]} ${when.slice(11, 16)}`;
  const longTime = (when) => {
    const day = new Date(Date.UTC(+when.slice(0, 4), +when.slice(5, 7) - 1, +when.slice(8, 10)));
    const weekday = day.toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });
    return `${weekday} ${shortTime(when).replace(" " + when.slice(11, 16), "")} ${when.slice(0, 4)} at ${when.slice(11, 16)} (${zone})`;
  };
  const barPublish = bar.querySelector("[data-publish-button][data-bar-button]");
  const relabel = () => {
    if (!barPublish || scheduled || !dateBox || !timeBox) return;
    if (!text(dateBox.value) && !text(timeBox.value)) {
      barPublish.textContent = "Publish now";
    } else if (typedTime()) {
      const when = schedulesAt();
      barPublish.textContent = when ? `Schedule for ${shortTime(when)}` : "Publish now";
    }
  };

  const dialog = document.querySelector("[data-schedule-dialog]");
  let pressed = null;
  form.querySelectorAll("[data-publish-button]").forEach((button) => {
    button.addEventListener("click", (event) => {
      const when = schedulesAt();
      if (!when || !dialog || typeof dialog.showModal !== "function") return;
      event.preventDefault();
      pressed = button;
      const headline = text(field("headline") && field("headline").value);
      dialog.querySelector("[data-schedule-text]").textContent =
        `“${headline}” will go live by itself on ${longTime(when)}. Nobody needs to press anything then.`;
      dialog.querySelector("[data-schedule-confirm]").textContent = `Schedule for ${shortTime(when)}`;
      dialog.showModal();
    });
  });
  if (dialog) {
    dialog.querySelector("[data-schedule-cancel]").addEventListener("click", () => dialog.close());
    dialog.querySelector("[data-schedule-confirm]").addEventListener("click", () => {
      dialog.close();
      if (!pressed) return;
      pressed.value = `typed:${text(dateBox.value)}|${text(timeBox.value)}`;
      submitting = true;
      form.requestSubmit(pressed);
    });
  }

  // --- Returning a story: a nudge to say why ---------------------------------------------------------
  const note = field("_workflow_note");
  const returnButton = bar.querySelector("button[name='_return_to_writer']");
  let nudged = false;
  [returnButton, form.querySelector(".workflow-actions button[name='_return_to_writer']")].forEach((button) => {
    if (!button || !note) return;
    button.addEventListener("click", (event) => {
      if (nudged || text(note.value)) return;
      event.preventDefault();
      nudged = true;
      note.closest("details").open = true;
      note.focus();
      const status = bar.querySelector("[data-desk-status]");
      if (status) status.textContent = "Say what the writer should change, then press Return to writer again (or press it again to return it without a note).";
    });
  });

  // --- Leaving with unsaved changes asks first ----------------------------------------------------------
  let dirty = false;
  let submitting = false;
  const changed = (event) => {
    if (event.target && event.target.name === "_workflow_note") return;
    dirty = true;
    count();
    updatePreviews();
    relabel();
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", () => { submitting = true; });
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  // The admin's calendar and clock pickers set the time without an input event.
  [dateBox, timeBox].forEach((box) => box && box.addEventListener("focus", relabel));
  document.addEventListener("click", () => window.setTimeout(relabel, 0));
  // desk-live.js restores autosaved text into the form: that is an unsaved change too.
  form.addEventListener("desk:restored", () => { dirty = true; count(); updatePreviews(); });

  count();
  updatePreviews();
  relabel();
})();
