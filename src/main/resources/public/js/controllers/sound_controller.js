import { Controller } from "@hotwired/stimulus"

// A /play message plays its sound when it arrives live (appended by a Turbo Stream), never for
// messages already on the page, paged in from history, or edited.
const arriving = new Set()
const FRESH = 60 * 1000

document.addEventListener("turbo:before-stream-render", event => {
  const stream = event.target
  if (stream.getAttribute("action") !== "append") return
  for (const sound of stream.templateContent?.querySelectorAll?.("[data-controller~='sound']") || []) arriving.add(sound.id)
})

export default class extends Controller {
  static values = { url: String, name: String, createdAt: Number }

  connect() {
    const live = arriving.delete(this.element.id)
    const fresh = Math.abs(Date.now() - this.createdAtValue) < FRESH
    if (live && fresh) this.play()
  }

  play() {
    this.element.dataset.played = "true"
    const audio = new Audio(this.urlValue)
    audio.play().catch(() => {
      // The browser may refuse sound before the person has interacted with the page.
    })
  }
}
