import { Controller } from "@hotwired/stimulus"

// Marks your own boosts, which only you can remove. The same HTML goes to everyone in the
// room, so which boosts are yours is decided here, in your browser.
export default class extends Controller {
  connect() {
    const me = document.querySelector("[data-messages-user-id-value]")?.dataset.messagesUserIdValue
    for (const boost of this.element.querySelectorAll(".boost")) {
      boost.classList.toggle("boost--mine", boost.dataset.boosterId === me)
    }
  }
}
