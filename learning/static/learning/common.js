// Shared helpers of the learning pages: CSRF header, JSON POST, status line.
export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export async function postJSON(url, body, { keepalive = false } = {}) {
  return fetch(url, {
    method: "POST",
    credentials: "same-origin",
    keepalive,
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), Accept: "application/json" },
    body: JSON.stringify(body),
  });
}

export function setStatus(text) {
  const status = document.querySelector("[data-learning-status]");
  if (status && text) status.textContent = text;
}

export async function errorText(response) {
  try {
    const data = await response.json();
    if (data.detail) return String(data.detail);
    return Object.values(data).flat().join(" ");
  } catch {
    return "";
  }
}
