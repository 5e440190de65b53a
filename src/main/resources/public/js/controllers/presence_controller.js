import { Controller } from "@hotwired/stimulus"
import { cable } from "@hotwired/turbo-rails"

const REFRESH_EVERY = 50 * 1000

// Tells the room you are here (which clears its unread mark), refreshes that every 50 seconds,
// and says goodbye when the page is hidden or left.
export default class extends Controller {
  static values = { roomId: Number }

  async connect() {
    this.subscription = await cable.subscribeTo({ channel: "PresenceChannel", room_id: this.roomIdValue }, {})
    this.timer = setInterval(() => this.subscription?.perform("refresh"), REFRESH_EVERY)
    this.onVisibility = () => this.subscription?.perform(document.hidden ? "absent" : "present")
    document.addEventListener("visibilitychange", this.onVisibility)
  }

  disconnect() {
    clearInterval(this.timer)
    document.removeEventListener("visibilitychange", this.onVisibility)
    this.subscription?.unsubscribe()
  }
}
