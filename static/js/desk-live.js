// The change form, live: autosave every few seconds, restore after a crash or a closed tab, and edit
// presence ("Anna Petrova is editing this story now", take over) kept alive by a heartbeat.
// desk/autosave.py and desk/presence.py are the server's side; both check the user's permission.
(function () {
  "use strict";

  const root = document.querySelector("[data-desk-live]");
  const form = document.getElementById("article_form");
  if (!root || !form) return;

  const FIELDS = ["headline", "slug", "standfirst", "body", "summary-0-text", "lead_image_caption"];
  const articleId = root.dataset.article ? Number(root.dataset.article) : null;
  const status = document.querySelector("[data-desk-status]");
  const csrf = form.elements.namedItem("csrfmiddlewaretoken").value;
  const say = (message) => { if (status) status.textContent = message; };
  const newId = () => (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now());

  // One id per page load; the tab's previous id (before a save reloaded it) lets it keep its lock.
  const tab = newId();
  const tabKey = "desk-tab-" + (articleId || "new");
  let previousTab = "";
  try {
    previousTab = window.sessionStorage.getItem(tabKey) || "";
    window.sessionStorage.setItem(tabKey, tab);
  } catch (error) { /* storage off: the lock simply starts afresh */ }
  const tabInput = document.createElement("input");
  tabInput.type = "hidden";
  tabInput.name = "_autosave_tab";
  tabInput.value = tab;
  form.append(tabInput);

  const post = (url, data) =>
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      body: JSON.stringify(data),
    });

  const editor = () => {
    const dom = form.querySelector(".prose-editor .ProseMirror[contenteditable]");
    return dom && dom.editor ? dom.editor : null;
  };
  const values = () => {
    const found = {};
    FIELDS.forEach((name) => {
      const input = form.elements.namedItem(name);
      if (input && typeof input.value === "string") found[name] = input.value;
    });
    return found;
  };
  const version = () => {
    const input = form.elements.namedItem("edit_version");
    return input && input.value ? Number(input.value) : null;
  };

  // --- Autosave ------------------------------------------------------------------------------------
  // The form as loaded: only what is typed after this is worth keeping.
  let lastSent = JSON.stringify(values());
  let stopped = false;
  let submitting = false;
  form.addEventListener("submit", () => { submitting = true; });

  const autosave = async () => {
    if (stopped || submitting) return;
    const fields = values();
    const snapshot = JSON.stringify(fields);
    if (snapshot === lastSent) return;
    try {
      const response = await post(root.dataset.autosaveUrl, { article: articleId, tab, version: version(), fields });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        say(answer.error || `Not autosaved (the server answered ${response.status}).`);
        if (response.status === 403 || response.status === 404) stopped = true;
        return;
      }
      lastSent = snapshot;
      say(`Autosaved at ${answer.when}.`);
    } catch (error) {
      say("Autosave failed (no connection?); trying again. Your text is still here.");
    }
  };
  window.setInterval(autosave, (Number(root.dataset.autosaveSeconds) || 5) * 1000);

  // --- Restore -------------------------------------------------------------------------------------
  const offersData = document.getElementById("desk-autosave-offers");
  const offers = offersData ? JSON.parse(offersData.textContent) : [];
  const discard = (offer) => post(root.dataset.discardUrl, { id: offer.id }).catch(() => null);
  offers.forEach((offer) => {
    const box = root.querySelector(`[data-restore-offer="${offer.id}"]`);
    if (!box) return;
    box.hidden = false;
    box.querySelector("[data-restore]").addEventListener("click", async () => {
      Object.entries(offer.fields).forEach(([name, value]) => {
        const input = form.elements.namedItem(name);
        if (!input) return;
        input.value = value;
        if (name === "body" && editor()) editor().commands.setContent(value, { emitUpdate: false });
      });
      if (offer.base_version !== null) {
        const input = form.elements.namedItem("edit_version");
        if (input) input.value = String(offer.base_version);
      }
      form.dispatchEvent(new CustomEvent("desk:restored", { bubbles: true }));
      root.querySelectorAll("[data-restore-offer]").forEach((other) => { other.hidden = true; });
      say(`Restored your changes from ${offer.when}. They are not saved yet: save when ready.`);
      lastSent = "";
      await autosave(); // kept under this tab now...
      discard(offer); // ...so the old copy can go
    });
    box.querySelector("[data-discard]").addEventListener("click", () => {
      box.hidden = true;
      discard(offer);
      say(`Discarded the unsaved changes from ${offer.when}.`);
    });
  });

  // --- Presence ------------------------------------------------------------------------------------
  const presenceUrl = root.dataset.presenceUrl;
  const banner = root.querySelector("[data-presence]");
  if (!presenceUrl || !banner) return;
  const bannerText = banner.querySelector("[data-presence-text]");
  const takeOverButton = banner.querySelector("[data-take-over]");
  const loadedVersion = Number(root.dataset.version);
  let state = "starting";

  const show = (answer) => {
    const previous = state;
    state = answer.state;
    let message = answer.message || "";
    if (answer.version && loadedVersion && answer.version > loadedVersion && !submitting) {
      message += (message ? " " : "") +
        "A newer version of this story has been saved since you opened it: saving here will be refused with a note of who saved. Your typing stays in autosave.";
    }
    if (state === "editing" && previous === "taken") message = "You have taken the story back: your saves go through again. " + message;
    banner.hidden = !(state !== "editing" || message);
    banner.classList.toggle("desk-presence--other", state === "watching" || state === "taken");
    bannerText.textContent = state === "editing" ? message.trim() : message;
    takeOverButton.hidden = state === "editing" || state === "readonly";
    takeOverButton.textContent = state === "taken" ? "Take it back" : state === "free" ? "Start editing here" : "Take over";
  };

  const heartbeat = async (extra) => {
    if (submitting) return;
    try {
      const response = await post(presenceUrl, { tab, previous_tab: previousTab, claim: state === "starting", ...extra });
      if (response.ok) show(await response.json());
    } catch (error) { /* offline for a moment: the next beat tries again */ }
  };
  takeOverButton.addEventListener("click", (event) => {
    event.preventDefault();
    heartbeat({ take_over: true });
  });
  heartbeat();
  window.setInterval(heartbeat, (Number(root.dataset.heartbeatSeconds) || 10) * 1000);

  // Leaving the form frees the story at once (a save's reload takes it back through previous_tab).
  window.addEventListener("pagehide", () => {
    if (state !== "editing" || !navigator.sendBeacon) return;
    const data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    data.append("tab", tab);
    data.append("release", "1");
    navigator.sendBeacon(presenceUrl, data);
  });
})();
