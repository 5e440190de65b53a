import { Controller } from "@hotwired/stimulus"
import { cable } from "@hotwired/turbo-rails"

// Bolds rooms with news in the sidebar, clears them when read in any tab, and keeps the
// app badge at the number of unread rooms.
export default class extends Controller {
  async connect() {
    this.unread = await cable.subscribeTo({ channel: "UnreadRoomsChannel" }, { received: data => this.mark(data.roomId, true) })
    this.read = await cable.subscribeTo({ channel: "ReadRoomsChannel" }, { received: data => this.mark(data.room_id, false) })
    this.updateBadge()
  }

  disconnect() {
    this.unread?.unsubscribe()
    this.read?.unsubscribe()
  }

  mark(roomId, unread) {
    const link = document.getElementById(`list_room_${roomId}`)
    if (!link) return
    const current = link.classList.contains("room-link--current")
    link.classList.toggle("room-link--unread", unread && !current)
    this.updateBadge()
  }

  updateBadge() {
    const count = this.element.querySelectorAll(".room-link--unread").length
    if (navigator.setAppBadge) (count ? navigator.setAppBadge(count) : navigator.clearAppBadge()).catch(() => {})
  }
}
