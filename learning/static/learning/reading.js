// Text lessons: how far down the text the reader got (the end marker on screen = 100 %).
import { errorText, postJSON, setStatus } from "./common.js";

const body = document.querySelector("[data-learning-text]");
const end = document.querySelector("[data-learning-text-end]");
let reported = 0;
let timer = null;

async function send(percent) {
  if (percent <= reported) return;
  reported = percent;
  const response = await postJSON(body.dataset.readUrl, { percent });
  if (!response.ok) setStatus(await errorText(response));
  else if ((await response.json()).status === "completed") setStatus(body.dataset.doneText);
}

function measure() {
  const rect = body.getBoundingClientRect();
  const read = Math.min(1, Math.max(0, (window.innerHeight - rect.top) / Math.max(rect.height, 1)));
  const percent = Math.floor(read * 100 / 25) * 25; // report in quarters
  clearTimeout(timer);
  timer = setTimeout(() => send(percent), 800);
}

if (body) {
  window.addEventListener("scroll", measure, { passive: true });
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) setTimeout(() => send(100), 1500);
  }).observe(end);
  measure();
}
