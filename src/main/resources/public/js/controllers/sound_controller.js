import { Controller } from "@hotwired/stimulus"

// A /play message plays its sound when it arrives live, never for messages already on the page
// when it was shown (or paged in from history).
let pageShownAt = Date.now()
document.addEventListener("turbo:before-render", () => { pageShownAt = Date.now() })

const FRESH = 30 * 1000

export default class extends Controller {
  static values = { url: String, name: String, createdAt: Number }

  connect() {
    const arrivedLive = Date.now() - pageShownAt > 1000
    const fresh = Math.abs(Date.now() - this.createdAtValue) < FRESH
    const pending = this.element.closest(".message--pending")
    if (arrivedLive && fresh && !pending && !this.element.closest(".message")?.dataset.soundPlayed) {
      this.element.closest(".message")?.setAttribute("data-sound-played", "true")
      this.play()
    }
  }

  play() {
    this.element.dataset.played = "true"
    const audio = new Audio(this.urlValue)
    audio.play().catch(() => {
      // The browser may refuse sound before the person has interacted with the page.
    })
  }
}
