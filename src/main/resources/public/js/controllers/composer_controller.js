import { Controller } from "@hotwired/stimulus"
import { renderStreamMessage } from "@hotwired/turbo"
import DOMPurify from "dompurify"

const URL_ONLY = /^https?:\/\/[^\s<>"']+$/i
const OPENGRAPH_TYPE = "application/vnd.campfire.opengraph"

// Sends messages: Enter sends, Shift+Enter breaks the line, the message shows at once as
// pending and is replaced by the stored one; a failed send says so on the message itself.
// Files (chosen, pasted or dropped) go one message each with upload progress; "@" mentions
// people in the room; a pasted link gets a preview card; Reply quotes a message.
export default class extends Controller {
  static targets = [ "editor", "clientId", "formatButton", "fileInput", "mentionPrompt", "unfurl" ]
  static values = { roomId: Number }

  connect() {
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
    let html = this.editorTarget.value
    if ((this.editorTarget.isBlank || !html) && !this.card) return
    html = (this.editorTarget.isBlank ? "" : html) + this.cardHtml()
    const clientId = crypto.randomUUID()
    this.clientIdTarget.value = clientId
    const body = new FormData(this.element)
    body.set("message[body]", html)
    body.delete("lexxy-code-language")
    body.delete("message[attachment]")
    this.editorTarget.value = ""
    this.clearCard()
    const pending = this.showPending(clientId, html)
    await this.send(body, pending)
  }

  async send(body, pending) {
    pending.classList.remove("message--failed")
    try {
      const response = await fetch(this.element.action, {
        method: "POST", body, credentials: "same-origin",
        headers: { "Accept": "text/vnd.turbo-stream.html, application/json", "X-CSRF-Token": this.csrfToken }
      })
      if (!response.ok) throw new Error(await this.reason(response))
      renderStreamMessage(await response.text())
    } catch (error) {
      this.fail(pending, () => this.send(body, pending), error.message || "Could not send")
    }
  }

  // Files: each one is its own message, uploaded with a progress bar.

  filesChosen() {
    this.uploadAll(this.fileInputTarget.files)
    this.fileInputTarget.value = ""
  }

  paste(event) {
    const files = Array.from(event.clipboardData?.files || [])
    if (files.length > 0) {
      event.preventDefault()
      event.stopImmediatePropagation()
      this.uploadAll(files)
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
    this.uploadAll(files)
  }

  uploadAll(files) {
    for (const file of Array.from(files)) this.upload(file)
  }

  upload(file) {
    const clientId = crypto.randomUUID()
    const body = new FormData()
    body.set("authenticity_token", this.csrfToken)
    body.set("message[client_message_id]", clientId)
    body.set("message[body]", "")
    body.set("message[attachment]", file, file.name)
    const pending = this.showPending(clientId, "")
    const progress = document.createElement("progress")
    progress.className = "upload-progress"
    progress.max = 100
    progress.value = 0
    progress.setAttribute("aria-label", `Uploading ${file.name}`)
    const name = document.createElement("p")
    name.className = "upload-name"
    name.textContent = file.name
    pending.querySelector(".message__content").append(name, progress)
    // One at a time, in the order chosen, so the messages arrive in that order.
    this.uploads = (this.uploads || Promise.resolve()).then(() => this.sendFile(body, pending, progress))
  }

  sendFile(body, pending, progress) {
    return new Promise(resolve => {
      const request = this.fileRequest(body, pending, progress)
      request.addEventListener("loadend", () => resolve())
      request.send(body)
    })
  }

  fileRequest(body, pending, progress) {
    pending.classList.remove("message--failed")
    const request = new XMLHttpRequest()
    request.open("POST", this.element.action)
    request.setRequestHeader("Accept", "text/vnd.turbo-stream.html, application/json")
    request.setRequestHeader("X-CSRF-Token", this.csrfToken)
    request.upload.addEventListener("progress", event => {
      if (event.lengthComputable) progress.value = Math.round(event.loaded / event.total * 100)
    })
    request.addEventListener("load", () => {
      if (request.status >= 200 && request.status < 300) {
        progress.value = 100
        renderStreamMessage(request.responseText)
      } else {
        this.fail(pending, () => this.sendFile(body, pending, progress), this.reasonFor(request.status, request.responseText))
      }
    })
    request.addEventListener("error", () => this.fail(pending, () => this.sendFile(body, pending, progress), "the connection failed"))
    return request
  }

  // Mentions: "@" lists people in the room from /autocompletable/users; the chosen person is
  // embedded with their signed id, which the server checks.

  installMentions() {
    const prompt = this.hasMentionPromptTarget && this.mentionPromptTarget
    if (!prompt || !prompt.source || prompt.source.campfire) return
    prompt.source = new PeopleInRoom(this.roomIdValue)
  }

  // Link previews: a pasted link is looked up once; its card is sent with the message.

  async unfurl(url) {
    try {
      const response = await fetch("/unfurl_link", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": this.csrfToken },
        body: JSON.stringify({ url })
      })
      if (response.status !== 200) return
      this.showCard(await response.json())
    } catch {
      // No preview is fine; the link itself is still in the message.
    }
  }

  showCard(card) {
    this.card = card
    const box = this.unfurlTarget
    box.replaceChildren()
    const preview = document.createElement("div")
    preview.className = "og-card og-card--draft"
    if (card.image) {
      const image = document.createElement("img")
      image.className = "og-card__image"
      image.src = card.image
      image.alt = ""
      image.referrerPolicy = "no-referrer"
      image.addEventListener("error", () => image.remove())
      preview.append(image)
    }
    const text = document.createElement("span")
    text.className = "og-card__text"
    const title = document.createElement("strong")
    title.className = "og-card__title"
    title.textContent = card.title
    const description = document.createElement("span")
    description.className = "og-card__description"
    description.textContent = card.description || ""
    text.append(title, description)
    preview.append(text)
    const remove = document.createElement("button")
    remove.type = "button"
    remove.className = "og-card__remove"
    remove.setAttribute("aria-label", "Remove link preview")
    remove.textContent = "×"
    remove.addEventListener("click", () => this.clearCard())
    box.append(preview, remove)
    box.hidden = false
  }

  clearCard() {
    this.card = null
    this.unfurlTarget.replaceChildren()
    this.unfurlTarget.hidden = true
  }

  cardHtml() {
    if (!this.card) return ""
    const element = document.createElement("action-text-attachment")
    element.setAttribute("content-type", OPENGRAPH_TYPE)
    for (const key of [ "url", "title", "description", "image" ]) {
      if (this.card[key]) element.setAttribute(key, this.card[key])
    }
    return element.outerHTML
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

  // Pending and failed messages

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

  fail(pending, retryWith, reason) {
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
    retry.addEventListener("click", () => { note.remove(); retryWith() })
    const dismiss = document.createElement("button")
    dismiss.type = "button"
    dismiss.className = "link-button"
    dismiss.textContent = "Dismiss"
    dismiss.addEventListener("click", () => pending.remove())
    note.append(retry, dismiss)
    pending.querySelector(".message__content").append(note)
  }

  async reason(response) {
    return this.reasonFor(response.status, await response.text())
  }

  reasonFor(status, text) {
    const said = this.explanation(text)
    if (said) return said
    if (status === 413) return "it is too large"
    if (status === 422) return "the message can't be empty"
    if (status === 401) return "you are signed out"
    return `the server answered ${status}`
  }

  // Errors come back as {"error": "..."}; the server's words say what to fix.
  explanation(text) {
    try {
      const said = JSON.parse(text || "{}").error
      return said ? said.replace(/\.$/, "") : null
    } catch {
      return null
    }
  }

  get csrfToken() {
    return document.querySelector("meta[name='csrf-token']")?.content
  }
}

// A Lexxy prompt source backed by the room's people (JSON from /autocompletable/users).
class PeopleInRoom {
  constructor(roomId) {
    this.roomId = roomId
    this.campfire = true
    this.items = new WeakMap()
  }

  async buildListItems(filter = "") {
    const url = `/autocompletable/users?room_id=${this.roomId}&query=${encodeURIComponent(filter)}`
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    if (!response.ok) return []
    const people = await response.json()
    this.items = new WeakMap()
    return people.map(person => {
      const item = this.promptItem(person)
      const listItem = document.createElement("li")
      listItem.setAttribute("role", "option")
      listItem.id = `prompt-item-${person.value}-${Math.random().toString(36).slice(2)}`
      listItem.tabIndex = 0
      listItem.classList.add("lexxy-prompt-menu__item")
      listItem.append(item.querySelector("template[type='menu']").content.cloneNode(true))
      this.items.set(listItem, item)
      return listItem
    })
  }

  promptItemFor(listItem) {
    return this.items.get(listItem)
  }

  promptItem(person) {
    const item = document.createElement("lexxy-prompt-item")
    item.setAttribute("search", person.name)
    item.setAttribute("sgid", person.sgid)
    const menu = document.createElement("template")
    menu.setAttribute("type", "menu")
    menu.content.append(this.avatar(person), document.createTextNode(person.name))
    const editor = document.createElement("template")
    editor.setAttribute("type", "editor")
    const mention = document.createElement("span")
    mention.className = "mention"
    mention.append(this.avatar(person), document.createTextNode(person.name))
    editor.content.append(mention)
    item.append(menu, editor)
    return item
  }

  avatar(person) {
    const image = document.createElement("img")
    image.src = person.avatar_url
    image.alt = ""
    image.width = 20
    image.height = 20
    image.className = "mention__avatar"
    return image
  }
}
