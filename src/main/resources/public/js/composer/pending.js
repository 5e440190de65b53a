import DOMPurify from "dompurify"

// A message shows at once while it is sent, marked pending; it is replaced by the stored one when
// the server answers. A failed send says why on the message itself, with Try again and Dismiss.

export function showPending(clientId, html) {
  const container = document.querySelector(".messages")
  const message = document.createElement("div")
  message.className = "message message--mine message--pending"
  message.id = `message_${clientId}`
  message.dataset.creatorId = container.dataset.messagesUserIdValue
  message.dataset.createdAt = Date.now()
  const body = document.createElement("div")
  body.className = "message__body lexxy-content"
  // The pending copy is shown before the server has sanitised it, so clean it here too.
  body.innerHTML = DOMPurify.sanitize(html, { FORBID_TAGS: [ "style", "img", "iframe", "form" ], FORBID_ATTR: [ "style" ] })
  const content = document.createElement("div")
  content.className = "message__content"
  content.append(body)
  message.append(content)
  container.append(message)
  container.dispatchEvent(new CustomEvent("messages:appended", { bubbles: true }))
  return message
}

export function markFailed(pending, retryWith, reason) {
  pending.classList.add("message--failed")
  pending.querySelector(".message__failure")?.remove()
  const note = document.createElement("p")
  note.className = "message__failure"
  note.setAttribute("role", "alert")
  note.textContent = `Not sent: ${reason}. `
  const retry = linkButton("Try again", () => { note.remove(); retryWith() })
  const dismiss = linkButton("Dismiss", () => pending.remove())
  note.append(retry, dismiss)
  pending.querySelector(".message__content").append(note)
}

// Errors come back as {"error": "..."}: the server's words say what to fix.
export function reasonFor(status, text) {
  const said = explanation(text)
  if (said) return said
  if (status === 413) return "it is too large"
  if (status === 422) return "the message can't be empty"
  if (status === 401) return "you are signed out"
  return `the server answered ${status}`
}

function explanation(text) {
  try {
    const said = JSON.parse(text || "{}").error
    return said ? said.replace(/\.$/, "") : null
  } catch {
    return null
  }
}

function linkButton(label, action) {
  const button = document.createElement("button")
  button.type = "button"
  button.className = "link-button"
  button.textContent = label
  button.addEventListener("click", action)
  return button
}
