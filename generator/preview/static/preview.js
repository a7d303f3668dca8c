// Keeps the preview current: asks the server for its build version every half second
// and, when it changed, lays out the new content hidden, sizes its papers, then swaps.
"use strict";

let shownVersion = null;

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

async function poll() {
  try {
    const response = await fetch("/version", { cache: "no-store" });
    const version = (await response.text()).trim();
    document.body.classList.remove("is-offline");
    if (version !== shownVersion) await update();
  } catch (error) {
    document.body.classList.add("is-offline");
  }
  setTimeout(poll, 500);
}

document.addEventListener("DOMContentLoaded", () => {
  shownVersion = document.getElementById("innehall").dataset.version;
  poll();
});
