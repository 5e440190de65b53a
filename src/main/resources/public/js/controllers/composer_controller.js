import { Controller } from "@hotwired/stimulus"
import { renderStreamMessage } from "@hotwired/turbo"
import DOMPurify from "dompurify"

// Sends messages: Enter sends, Shift+Enter breaks the line, the message shows at once as
// pending and is replaced by the stored one; a failed send says so on the message itself.
export default class extends Controller {
  static targets = [ "editor", "clientId", "formatButton" ]
  static values = { roomId: Number }

  connect() {
    this.onKeydown = this.keydown.bind(this)
    this.editorTarget.addEventListener("keydown", this.onKeydown, true)
  }

  disconnect() {
    this.editorTarget.removeEventListener("keydown", this.onKeydown, true)
  }

  keydown(event) {
    if (event.isComposing) return
    if (event.key === "Enter" && !event.shiftKey && !this.element.classList.contains("composer--formatting")) {
      event.preventDefault()
      event.stopPropagation()
      this.element.requestSubmit()
    } else if (event.key === "ArrowUp" && this.editorTarget.isBlank) {
      const mine = document.querySelectorAll(".message.message--mine:not(.message--pending) a[href$='/edit']")
      const last = mine[mine.length - 1]
      if (last) {
        event.preventDefault()
        last.click()
      }
    }
  }

  toggleFormatting() {
    const on = this.element.classList.toggle("composer--formatting")
    this.formatButtonTarget.setAttribute("aria-pressed", on)
    this.editorTarget.focus()
  }

  async submit(event) {
    event.preventDefault()
    const html = this.editorTarget.value
    if (this.editorTarget.isBlank || !html) return
    const clientId = crypto.randomUUID()
    this.clientIdTarget.value = clientId
    const body = new FormData(this.element)
    body.set("message[body]", html)
    body.delete("lexxy-code-language")
    this.editorTarget.value = ""
    const pending = this.showPending(clientId, html)
    await this.send(body, pending)
  }

  async send(body, pending) {
    pending.classList.remove("message--failed")
    try {
      const response = await fetch(this.element.action, {
        method: "POST", body, credentials: "same-origin",
        headers: { "Accept": "text/vnd.turbo-stream.html", "X-CSRF-Token": this.csrfToken }
      })
      if (!response.ok) throw new Error(await this.reason(response))
      renderStreamMessage(await response.text())
    } catch (error) {
      this.fail(pending, body, error.message || "Could not send")
    }
  }

  showPending(clientId, html) {
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

  fail(pending, body, reason) {
    pending.classList.add("message--failed")
    pending.querySelector(".message__failure")?.remove()
    const note = document.createElement("p")
    note.className = "message__failure"
    note.setAttribute("role", "alert")
    note.textContent = `Not sent: ${reason}. `
    const retry = document.createElement("button")
    retry.type = "button"
    retry.className = "link-button"
    retry.textContent = "Try again"
    retry.addEventListener("click", () => { note.remove(); this.send(body, pending) })
    note.append(retry)
    pending.querySelector(".message__content").append(note)
  }

  async reason(response) {
    if (response.status === 413) return "the message is too long"
    if (response.status === 422) return "the message can't be empty"
    if (response.status === 401) return "you are signed out"
    return `the server answered ${response.status}`
  }

  get csrfToken() {
    return document.querySelector("meta[name='csrf-token']")?.content
  }
}
