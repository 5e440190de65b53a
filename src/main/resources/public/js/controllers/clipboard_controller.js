import { Controller } from "@hotwired/stimulus"

// Copies a read-only field's value and says so on the button; shares it where the device can.
export default class extends Controller {
  static targets = [ "source", "button" ]

  async copy() {
    const value = this.sourceTarget.value
    try {
      await navigator.clipboard.writeText(value)
    } catch {
      this.sourceTarget.select()
      document.execCommand("copy")
    }
    this.#say("Copied")
  }

  async share() {
    if (navigator.share) {
      try { await navigator.share({ url: this.sourceTarget.value }) } catch { /* the person closed the sheet */ }
    } else {
      await this.copy()
    }
  }

  #say(text) {
    if (!this.hasButtonTarget) return
    const original = this.buttonTarget.dataset.label || this.buttonTarget.textContent
    this.buttonTarget.dataset.label = original
    this.buttonTarget.textContent = text
    clearTimeout(this.timer)
    this.timer = setTimeout(() => { this.buttonTarget.textContent = original }, 1500)
  }
}
