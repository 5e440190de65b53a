import { Controller } from "@hotwired/stimulus"

// On phones the room list slides over the conversation; this opens and closes it.
export default class extends Controller {
  static targets = [ "panel" ]

  toggle() {
    this.element.classList.toggle("sidebar-open")
  }

  close() {
    this.element.classList.remove("sidebar-open")
  }
}
