import { Controller } from "@hotwired/stimulus"

// A message's menu. It stays open until the person closes it: Escape, a click outside it, or
// choosing an action that is done with it (Reply). Copy link copies the absolute permalink and
// says so beside the button, leaving the menu where it is.
export default class extends Controller {
  connect() {
    this.onToggle = this.toggled.bind(this)
    this.onOutside = this.clickedOutside.bind(this)
    this.onKeydown = this.keydown.bind(this)
    this.element.addEventListener("toggle", this.onToggle)
  }

  disconnect() {
    this.element.removeEventListener("toggle", this.onToggle)
    this.stopListening()
  }

  toggled() {
    if (this.element.open) {
      document.addEventListener("click", this.onOutside, true)
      document.addEventListener("keydown", this.onKeydown)
    } else {
      this.stopListening()
      this.element.querySelector(".message__copied")?.remove()
    }
  }

  stopListening() {
    document.removeEventListener("click", this.onOutside, true)
    document.removeEventListener("keydown", this.onKeydown)
  }

  clickedOutside(event) {
    if (!this.element.contains(event.target)) this.close()
  }

  keydown(event) {
    if (event.key !== "Escape") return
    this.close()
    this.element.querySelector("summary")?.focus()
  }

  async copyLink(event) {
    const button = event.currentTarget
    await navigator.clipboard.writeText(new URL(button.dataset.permalink, window.location.origin).href)
    if (this.element.querySelector(".message__copied")) return
    const note = document.createElement("span")
    note.className = "message__copied"
    note.setAttribute("role", "status")
    note.textContent = "Link copied"
    button.after(note)
  }

  reply(event) {
    const button = event.currentTarget
    const message = this.element.closest(".message")
    const body = message?.querySelector(".message__body")
    let text = (body?.innerText || "").replace(/\s+/g, " ").trim()
    if (!text) text = message?.querySelector(".attachment__name, .attachment__caption")?.textContent?.trim() || ""
    if (text.length > 280) text = `${text.slice(0, 279).trim()}…`
    window.dispatchEvent(new CustomEvent("campfire:reply", {
      detail: { author: button.dataset.author, permalink: button.dataset.permalink, text }
    }))
    this.close()
  }

  close() {
    this.element.removeAttribute("open")
  }
}
