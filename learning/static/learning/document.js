// Document lessons: the PDF is rendered in the page by pdf.js (npm pdfjs-dist, served by the site);
// each page that is actually shown (≥ 60 % on screen for a second) is reported. Other formats open in
// a new tab and count as seen when opened.
import { errorText, postJSON, setStatus } from "./common.js";

async function report(url, pages, pageCount, doneText, progressText) {
  const response = await postJSON(url, { pages, page_count: pageCount });
  if (!response.ok) {
    setStatus(await errorText(response));
    return;
  }
  const data = await response.json();
  if (data.status === "completed") setStatus(doneText);
  else setStatus((progressText || "%s").replace("%s", `${data.pages_seen.length}/${pageCount}`));
}

async function viewer(root) {
  const pdfjs = await import(root.dataset.pdfjs);
  pdfjs.GlobalWorkerOptions.workerSrc = root.dataset.worker;
  const pdf = await pdfjs.getDocument({ url: root.dataset.src, withCredentials: true }).promise;
  root.querySelector("[data-pdf-loading]")?.remove();
  const seen = new Set((root.dataset.seen || "").split(",").filter(Boolean).map(Number));
  const pending = new Set();
  const timers = new Map();
  const flush = () => {
    if (!pending.size) return;
    const pages = [...pending];
    pending.clear();
    report(root.dataset.pagesUrl, pages, pdf.numPages, root.dataset.doneText, root.dataset.progressText);
  };
  setInterval(flush, 3000);
  window.addEventListener("pagehide", flush);
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const number = Number(entry.target.dataset.page);
        if (entry.isIntersecting && entry.intersectionRatio >= 0.6) {
          if (!entry.target.dataset.rendered) render(entry.target, number);
          timers.set(number, setTimeout(() => {
            if (!seen.has(number)) {
              seen.add(number);
              pending.add(number);
            }
          }, 1000));
        } else if (timers.has(number)) {
          clearTimeout(timers.get(number));
          timers.delete(number);
        } else if (entry.isIntersecting && !entry.target.dataset.rendered) {
          render(entry.target, number);
        }
      }
    },
    { threshold: [0, 0.6] },
  );
  async function render(canvas, number) {
    canvas.dataset.rendered = "1";
    const page = await pdf.getPage(number);
    const scale = Math.min(2, (root.clientWidth || 360) / page.getViewport({ scale: 1 }).width) * (window.devicePixelRatio || 1);
    const viewport = page.getViewport({ scale });
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    await page.render({ canvasContext: canvas.getContext("2d"), viewport }).promise;
  }
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const canvas = document.createElement("canvas");
    canvas.dataset.page = String(number);
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", `${number} / ${pdf.numPages}`);
    canvas.width = 600;
    canvas.height = 800;
    root.appendChild(canvas);
    observer.observe(canvas);
  }
}

for (const root of document.querySelectorAll("[data-learning-pdf]")) {
  viewer(root).catch((error) => setStatus(String(error)));
}
for (const link of document.querySelectorAll("[data-learning-download]")) {
  link.addEventListener("click", () => report(link.dataset.pagesUrl, [1], 1, "", ""));
}
