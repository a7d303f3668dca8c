// Keeps the preview current. The server sends the build number on an event stream
// (/handelser) the moment a rebuild is done; when it differs from what is shown, the
// page lays out the new content hidden, sizes its papers, then swaps. A browser
// without EventSource asks /version every half second instead.
"use strict";

let shownVersion = null;
let updating = false;   // one update at a time; a build that lands meanwhile is taken after
let wanted = null;

// Papers are iframes (their house CSS must not touch the page around them); each is
// made as tall as its document so the page scrolls, not the frame.
function fit(frame) {
  const doc = frame.contentDocument;
  if (!doc || !doc.documentElement) return;
  frame.style.height = doc.documentElement.scrollHeight + "px";
  if (doc.fonts && !frame.dataset.fontsWatched) {
    frame.dataset.fontsWatched = "1";
    doc.fonts.ready.then(() => fit(frame));
  }
}

function loaded(frame) {
  return new Promise((resolve) => {
    frame.addEventListener("load", resolve, { once: true });
    setTimeout(resolve, 4000);  // a frame that never loads must not freeze updates
  });
}

async function update() {
  const response = await fetch("/innehall", { cache: "no-store" });
  if (!response.ok) throw new Error(response.status);
  const holder = document.createElement("template");
  holder.innerHTML = (await response.text()).trim();
  const fresh = holder.content.firstElementChild;
  const current = document.getElementById("innehall");
  if (fresh.dataset.version === current.dataset.version) return;
  fresh.classList.add("is-loading");
  fresh.id = "";
  const frames = Array.from(fresh.querySelectorAll("iframe"));
  const ready = Promise.all(frames.map(loaded));
  current.parentNode.appendChild(fresh);
  await ready;
  frames.forEach(fit);
  current.remove();
  fresh.id = "innehall";
  fresh.classList.remove("is-loading");
  shownVersion = fresh.dataset.version;
  document.title = fresh.dataset.title;
  document.getElementById("status").textContent = fresh.dataset.status;
}

async function show(version) {
  wanted = version;
  if (updating) return;
  updating = true;
  try {
    while (wanted !== null && wanted !== shownVersion) {
      const target = wanted;
      await update();
      if (shownVersion !== target && wanted === target) break;  // the server is ahead: the next event says so
    }
  } catch (error) {
    document.body.classList.add("is-offline");
  } finally {
    updating = false;
  }
}

function listen() {
  const events = new EventSource("/handelser");
  events.addEventListener("open", () => document.body.classList.remove("is-offline"));
  events.addEventListener("message", (event) => {
    document.body.classList.remove("is-offline");
    show(event.data.trim());
  });
  // The browser reconnects by itself (and gets the current number first thing).
  events.addEventListener("error", () => document.body.classList.add("is-offline"));
}

async function poll() {
  try {
    const response = await fetch("/version", { cache: "no-store" });
    const version = (await response.text()).trim();
    document.body.classList.remove("is-offline");
    await show(version);
  } catch (error) {
    document.body.classList.add("is-offline");
  }
  setTimeout(poll, 500);
}

document.addEventListener("DOMContentLoaded", () => {
  shownVersion = document.getElementById("innehall").dataset.version;
  if (window.EventSource) listen();
  else poll();
});
