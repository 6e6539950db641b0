// Answering a quiz on a phone: one question per screen, answers saved as they are given, a countdown that
// submits when the time is up. Without JavaScript the same form is one scrolling page with a submit button;
// the server grades, enforces the time limit and refuses late answers either way.
const form = document.querySelector("[data-quiz-form]");
const strings = JSON.parse(document.getElementById("quiz-strings")?.textContent || "{}");
const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (_m, key) => String(values[key] ?? ""));

if (form) {
  const questions = [...form.querySelectorAll(".quiz-question")];
  const prev = form.querySelector("[data-quiz-prev]");
  const next = form.querySelector("[data-quiz-next]");
  const map = form.querySelector("[data-quiz-map]");
  const progress = document.querySelector("[data-quiz-progress]");
  const saveState = document.querySelector("[data-quiz-save-state]");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let current = 0;
  let submitting = false;

  const isAnswered = (fieldset) =>
    [...fieldset.querySelectorAll("input[type=radio], input[type=checkbox]")].some((i) => i.checked) ||
    [...fieldset.querySelectorAll("input[type=text]")].some((i) => i.value.trim() !== "");

  const answeredCount = () => questions.filter(isAnswered).length;

  function renderMap() {
    map.replaceChildren(
      ...questions.map((fieldset, index) => {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = String(index + 1);
        button.setAttribute("aria-label", fmt(strings.goTo, { n: index + 1 }));
        if (isAnswered(fieldset)) button.classList.add("is-answered");
        if (index === current) button.setAttribute("aria-current", "step");
        button.addEventListener("click", () => show(index, true));
        return button;
      }),
    );
  }

  function show(index, focus) {
    current = Math.max(0, Math.min(questions.length - 1, index));
    questions.forEach((fieldset, i) => fieldset.classList.toggle("is-current", i === current));
    prev.hidden = current === 0;
    next.hidden = current === questions.length - 1;
    progress.textContent = fmt(strings.progress, {
      n: current + 1, total: questions.length, answered: answeredCount(),
    });
    renderMap();
    history.replaceState(null, "", `#question-${current + 1}`);
    if (focus) questions[current].querySelector("input")?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }

  async function save(fieldset, { keepalive = false } = {}) {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    data.append("shown", fieldset.dataset.question);
    fieldset.querySelectorAll("input[name^=q]").forEach((input) => {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      data.append(input.name, input.value);
    });
    saveState.textContent = strings.saving;
    try {
      const response = await fetch(form.dataset.saveUrl, {
        method: "POST", body: data, keepalive, headers: { "X-CSRFToken": csrf, Accept: "application/json" },
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        saveState.textContent = strings.saved;
        return;
      }
      saveState.textContent = body.detail || strings.saveFailed;
      if (body.result_url) window.location.assign(body.result_url);
    } catch {
      saveState.textContent = strings.offline;
    }
  }

  const pending = new Map(); // fieldset → timer of a typed answer not saved yet
  const flush = (options) => {
    pending.forEach((timer, fieldset) => {
      clearTimeout(timer);
      save(fieldset, options);
    });
    pending.clear();
  };
  form.addEventListener("change", (event) => {
    const fieldset = event.target.closest(".quiz-question");
    if (!fieldset) return;
    clearTimeout(pending.get(fieldset));
    pending.delete(fieldset);
    save(fieldset);
    renderMap();
    progress.textContent = fmt(strings.progress, { n: current + 1, total: questions.length, answered: answeredCount() });
  });
  form.addEventListener("input", (event) => {
    if (event.target.type !== "text") return;
    const fieldset = event.target.closest(".quiz-question");
    clearTimeout(pending.get(fieldset));
    pending.set(fieldset, setTimeout(() => {
      pending.delete(fieldset);
      save(fieldset);
    }, 800));
  });
  // leaving the page (switching apps on a phone, reloading): typed answers are not lost
  window.addEventListener("pagehide", () => flush({ keepalive: true }));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush({ keepalive: true });
  });

  form.addEventListener("submit", (event) => {
    if (submitting) return;
    const missing = questions.length - answeredCount();
    if (missing > 0 && !form.dataset.timeUp && !window.confirm(fmt(strings.confirmMissing, { count: missing }))) {
      event.preventDefault();
      return;
    }
    submitting = true;
  });

  prev.addEventListener("click", () => { flush(); show(current - 1, true); });
  next.addEventListener("click", () => { flush(); show(current + 1, true); });

  if (questions.length > 1) {
    form.classList.add("is-paged");
    map.hidden = false;
    const fromHash = /^#question-(\d+)$/.exec(window.location.hash);
    const firstOpen = questions.findIndex((fieldset) => !isAnswered(fieldset));
    show(fromHash ? Number(fromHash[1]) - 1 : Math.max(0, firstOpen), false);
  }

  const timer = document.querySelector("[data-quiz-timer]");
  if (timer) {
    const endsAt = Date.now() + Number(timer.dataset.secondsLeft) * 1000;
    const tick = () => {
      const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      const mm = String(Math.floor(left / 60)).padStart(2, "0");
      const ss = String(left % 60).padStart(2, "0");
      timer.textContent = fmt(strings.timeLeft, { time: `${mm}:${ss}` });
      timer.classList.toggle("is-urgent", left <= 60);
      if (left === 0) {
        clearInterval(handle);
        form.dataset.timeUp = "1";
        saveState.textContent = strings.timeUp;
        form.requestSubmit();
      }
    };
    const handle = setInterval(tick, 1000);
    tick();
  }
}
