// The host side of the events <health-atlas> sends (docs/embedding.md): the page shows
// which event the reader opened. A file, not an inline script, for the page's strict CSP.
const status = document.getElementById("atlas-status");
document.getElementById("atlas")?.addEventListener("health-atlas-select", (event) => {
  status.textContent = event.detail.id ? `Selected event: ${event.detail.id}` : "No event selected.";
});
