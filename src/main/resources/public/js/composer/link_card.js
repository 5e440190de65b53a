import DOMPurify from "dompurify"

export const URL_ONLY = /^https?:\/\/[^\s<>"']+$/i
const OPENGRAPH_TYPE = "application/vnd.campfire.opengraph"

// Link previews: a pasted link is looked up once. The server answers with the card's fields and
// with the card drawn as messages show it (one renderer, on the server), which the draft shows
// as it is. The fields go with the message as an embedded attachment.

export async function lookUp(url, csrfToken) {
  try {
    const response = await fetch("/unfurl_link", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrfToken },
      body: JSON.stringify({ url })
    })
    return response.status === 200 ? await response.json() : null
  } catch {
    return null // No preview is fine; the link itself is still in the message.
  }
}

export function showDraft(box, card, onRemove) {
  const drawn = document.createElement("template")
  drawn.innerHTML = DOMPurify.sanitize(card.html || "", { ADD_ATTR: [ "target" ] })
  const preview = drawn.content.firstElementChild
  if (!preview) return
  preview.classList.add("og-card--draft")
  preview.querySelector("img")?.addEventListener("error", event => event.target.remove())
  const remove = document.createElement("button")
  remove.type = "button"
  remove.className = "og-card__remove"
  remove.setAttribute("aria-label", "Remove link preview")
  remove.textContent = "×"
  remove.addEventListener("click", onRemove)
  box.replaceChildren(preview, remove)
  box.hidden = false
}

export function clearDraft(box) {
  box.replaceChildren()
  box.hidden = true
}

// The card as it travels with the message: an embedded attachment the server draws.
export function embedded(card) {
  if (!card) return ""
  const element = document.createElement("action-text-attachment")
  element.setAttribute("content-type", OPENGRAPH_TYPE)
  for (const key of [ "url", "title", "description", "image" ]) {
    if (card[key]) element.setAttribute(key, card[key])
  }
  return element.outerHTML
}
