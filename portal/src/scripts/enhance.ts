/**
 * Progressive enhancement; every page works without it.
 * - Forms marked `data-once` disable their button while sending (no accidental double submit;
 *   the server ignores a repeat anyway).
 * - Photo inputs check the number and size of the chosen files before a long upload.
 */
for (const form of document.querySelectorAll<HTMLFormElement>("form[data-once]")) {
  form.addEventListener("submit", (event) => {
    const refusedFile = [...form.querySelectorAll<HTMLInputElement>("input[type=file]")].find((input) => input.validity.customError);
    if (refusedFile) {
      event.preventDefault();
      refusedFile.reportValidity();
      return;
    }
    if (form.dataset.sending === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "true";
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (button) {
      button.dataset.label = button.textContent ?? "";
      button.disabled = true;
      if (form.dataset.sendingText) button.textContent = form.dataset.sendingText;
    }
  });
}

// Back/forward cache: a page shown again must be usable again.
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-once]")) {
    delete form.dataset.sending;
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (button) {
      button.disabled = false;
      if (button.dataset.label) button.textContent = button.dataset.label;
    }
  }
});

for (const input of document.querySelectorAll<HTMLInputElement>("input[type=file][data-max-files]")) {
  const maxFiles = Number(input.dataset.maxFiles);
  const maxBytes = Number(input.dataset.maxBytes);
  input.addEventListener("change", () => {
    const files = [...(input.files ?? [])];
    const tooLarge = files.find((file) => file.size > maxBytes);
    const message =
      files.length > maxFiles ? (input.dataset.tooMany ?? "") : tooLarge ? (input.dataset.tooLarge ?? "").replace("{file}", tooLarge.name) : "";
    input.setCustomValidity(message);
    if (message) input.reportValidity();
  });
}
