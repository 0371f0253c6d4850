/**
 * The queue refreshes itself: every `data-refresh-seconds` it fetches the same URL and swaps
 * the `[data-refresh]` regions (counts and the ticket list), unless the member is typing in a
 * form or the tab is hidden. Without JavaScript the page works the same; the Refresh link reloads it.
 */
const seconds = Number(document.body.dataset.refreshSeconds);
if (seconds > 0) {
  const refresh = async () => {
    const typing = document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLSelectElement || document.activeElement instanceof HTMLTextAreaElement;
    if (document.hidden || typing) return;
    try {
      const response = await fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      // Signed out meanwhile (or an error): leave the page as it is; the next click shows why.
      if (!response.ok || response.redirected) return;
      const next = new DOMParser().parseFromString(await response.text(), "text/html");
      for (const region of document.querySelectorAll<HTMLElement>("[data-refresh]")) {
        const fresh = next.querySelector<HTMLElement>(`[data-refresh="${region.dataset.refresh}"]`);
        if (fresh) region.replaceWith(fresh);
      }
    } catch {
      // Offline for a moment: try again next time.
    }
  };
  window.setInterval(() => void refresh(), seconds * 1000);
}
