// The console's only script, served by the hub itself (the Content-Security-Policy allows no inline script). It adds
// comfort, nothing the console needs: a confirmation before a form acts, a busy button while it posts, and the refresh of
// a page that shows work in progress (a redrive draining).
"use strict";
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  for (const button of form.querySelectorAll("button[type=submit]")) {
    button.setAttribute("aria-busy", "true");
  }
});
document.addEventListener("DOMContentLoaded", () => {
  const seconds = Number(document.body.getAttribute("data-refresh"));
  if (seconds > 0) {
    window.setTimeout(() => window.location.reload(), seconds * 1000);
  }
});
