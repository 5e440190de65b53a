import { Controller } from "@hotwired/stimulus"

// A message's menu: Reply quotes it in the composer; the menu closes after a boost.
export default class extends Controller {
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
