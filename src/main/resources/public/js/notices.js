import { lineIcon } from "icons.js"

// A notice that floats over the page (a saved form, a welcome, a room that is gone) stays until the
// person moves on or dismisses it; nothing takes it away on a timer. It sits under the room's
// header, clear of the composer and "Jump to newest".

const DISMISS = "Dismiss"
const CROSS = "M6 6l12 12M18 6L6 18"

/** Puts an element with the page's floating notices (layouts/app.jte's #floating), first or last. */
export function float(element, { first = false } = {}) {
  const column = document.getElementById("floating") ?? document.body
  first ? column.prepend(element) : column.append(element)
}

export function floatingNotice(text) {
  const notice = document.createElement("p")
  notice.className = "notice notice--floating"
  notice.setAttribute("role", "status")
  notice.textContent = text
  addDismiss(notice)
  return notice
}

function addDismiss(notice) {
  if (notice.querySelector(".notice__dismiss")) return
  const button = document.createElement("button")
  button.type = "button"
  button.className = "notice__dismiss"
  button.setAttribute("aria-label", DISMISS)
  button.title = DISMISS
  button.append(lineIcon(CROSS, 16))
  notice.append(button)
}

// The server's notices get their button once the page is shown (a control appears when it works).
document.addEventListener("turbo:load", () => document.querySelectorAll(".notice--floating").forEach(addDismiss))
document.addEventListener("click", event => {
  const button = event.target.closest?.(".notice__dismiss")
  if (button) button.closest(".notice")?.remove()
})
