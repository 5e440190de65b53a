import { Controller } from "@hotwired/stimulus"
import { renderStreamMessage } from "@hotwired/turbo"
import { showPending, markFailed, reasonFor } from "composer/pending.js"
import { Uploads } from "composer/uploads.js"
import { URL_ONLY, lookUp, showDraft, clearDraft, embedded } from "composer/link_card.js"
import { PeopleInRoom } from "composer/people_in_room.js"
import { pathsOf } from "message_paths.js"

// The composer: Enter sends, Shift+Enter breaks the line, Up edits your last message; a message
// shows at once as pending (composer/pending.js); files go one message each (composer/uploads.js);
// "@" mentions people in the room (composer/people_in_room.js); a pasted link gets a preview card
// (composer/link_card.js); Reply quotes a message.
export default class extends Controller {
  static targets = [ "editor", "clientId", "formatButton", "fileInput", "mentionPrompt", "unfurl" ]
  static values = { roomId: Number }

  connect() {
    this.uploads = new Uploads(this.element, () => this.csrfToken)
    this.onKeydown = this.keydown.bind(this)
    this.onPaste = this.paste.bind(this)
    this.onFocus = this.installMentions.bind(this)
    this.editorTarget.addEventListener("keydown", this.onKeydown, true)
    this.editorTarget.addEventListener("paste", this.onPaste, true)
    this.editorTarget.addEventListener("focusin", this.onFocus)
    this.installMentions()
  }

  disconnect() {
    this.editorTarget.removeEventListener("keydown", this.onKeydown, true)
    this.editorTarget.removeEventListener("paste", this.onPaste, true)
    this.editorTarget.removeEventListener("focusin", this.onFocus)
  }

  keydown(event) {
    if (event.isComposing || this.editorTarget.hasOpenPrompt) return
    if (event.key === "Enter" && !event.shiftKey && !this.element.classList.contains("composer--formatting")) {
      event.preventDefault()
      event.stopPropagation()
      this.element.requestSubmit()
    } else if (event.key === "ArrowUp" && this.editorTarget.isBlank) {
      const mine = document.querySelectorAll(".message.message--mine:not(.message--pending)")
      const last = mine[mine.length - 1]
      const paths = last && pathsOf(last)
      const frame = paths && document.getElementById(paths.frame)
      if (frame) {
        event.preventDefault()
        frame.src = paths.edit
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
    let html = this.editorTarget.value
    if ((this.editorTarget.isBlank || !html) && !this.card) return
    html = (this.editorTarget.isBlank ? "" : html) + embedded(this.card)
    const clientId = crypto.randomUUID()
    this.clientIdTarget.value = clientId
    const body = new FormData(this.element)
    body.set("message[body]", html)
    body.delete("lexxy-code-language")
    body.delete("message[attachment]")
    this.editorTarget.value = ""
    this.clearCard()
    await this.send(body, showPending(clientId, html))
  }

  async send(body, pending) {
    pending.classList.remove("message--failed")
    try {
      const response = await fetch(this.element.action, {
        method: "POST", body, credentials: "same-origin",
        headers: { "Accept": "text/vnd.turbo-stream.html, application/json", "X-CSRF-Token": this.csrfToken }
      })
      if (!response.ok) throw new Error(reasonFor(response.status, await response.text()))
      renderStreamMessage(await response.text())
    } catch (error) {
      markFailed(pending, () => this.send(body, pending), error.message || "Could not send")
    }
  }

  // Files: chosen, pasted or dropped.

  filesChosen() {
    this.uploads.add(this.fileInputTarget.files)
    this.fileInputTarget.value = ""
  }

  paste(event) {
    const files = Array.from(event.clipboardData?.files || [])
    if (files.length > 0) {
      event.preventDefault()
      event.stopImmediatePropagation()
      this.uploads.add(files)
      return
    }
    const text = event.clipboardData?.getData("text/plain")?.trim()
    if (text && URL_ONLY.test(text)) this.unfurl(text)
  }

  dragover(event) {
    if (!Array.from(event.dataTransfer?.types || []).includes("Files")) return
    event.preventDefault()
    this.element.classList.add("composer--dropping")
  }

  dragleave(event) {
    if (!this.element.contains(event.relatedTarget)) this.element.classList.remove("composer--dropping")
  }

  drop(event) {
    const files = Array.from(event.dataTransfer?.files || [])
    this.element.classList.remove("composer--dropping")
    if (files.length === 0) return
    event.preventDefault()
    event.stopImmediatePropagation()
    this.uploads.add(files)
  }

  // Mentions: the chosen person is embedded with their signed id, which the server checks.

  installMentions() {
    const prompt = this.hasMentionPromptTarget && this.mentionPromptTarget
    if (!prompt || !prompt.source || prompt.source.campfire) return
    prompt.source = new PeopleInRoom(this.roomIdValue)
  }

  // Link previews: the card is sent with the message.

  async unfurl(url) {
    const card = await lookUp(url, this.csrfToken)
    if (!card) return
    this.card = card
    showDraft(this.unfurlTarget, card, () => this.clearCard())
  }

  clearCard() {
    this.card = null
    clearDraft(this.unfurlTarget)
  }

  // Reply: quote the message with its author and a link to it.

  reply(event) {
    const { author, permalink, text } = event.detail
    const quote = document.createElement("blockquote")
    const paragraph = document.createElement("p")
    const link = document.createElement("a")
    link.href = new URL(permalink, window.location.origin).href
    link.textContent = author
    paragraph.append(link, document.createTextNode(`: ${text}`))
    quote.append(paragraph)
    const current = this.editorTarget.isBlank ? "" : this.editorTarget.value
    this.editorTarget.value = quote.outerHTML + (current || "<p></p>")
    this.editorTarget.focus()
  }

  get csrfToken() {
    return document.querySelector("meta[name='csrf-token']")?.content
  }
}
