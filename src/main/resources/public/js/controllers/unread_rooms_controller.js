import { Controller } from "@hotwired/stimulus"
import { cable } from "@hotwired/turbo-rails"
import { whenReconnected } from "reconnects.js"

// Keeps the sidebar current: bolds rooms with news, clears them when read in any tab, keeps the
// app badge at the number of unread rooms, and after the live connection comes back (a restart,
// a lost network) reloads the room lists from /users/me/sidebar, so rooms made meanwhile appear
// and unread marks are right. Only the lists are replaced; anything else in the page is kept.
export default class extends Controller {
  async connect() {
    this.connectionObserver = whenReconnected(this.element.querySelector("turbo-cable-stream-source"), () => this.catchUp())
    this.unread = await cable.subscribeTo({ channel: "UnreadRoomsChannel" }, { received: data => this.mark(data.roomId, true) })
    this.read = await cable.subscribeTo({ channel: "ReadRoomsChannel" }, { received: data => this.mark(data.room_id, false) })
    this.updateBadge()
  }

  disconnect() {
    this.unread?.unsubscribe()
    this.read?.unsubscribe()
    this.connectionObserver?.disconnect()
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

  async catchUp() {
    const response = await fetch("/users/me/sidebar", { headers: { Accept: "text/html" }, credentials: "same-origin" })
    if (!response.ok) return
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html")
    for (const id of [ "shared_rooms", "direct_rooms" ]) {
      const list = this.element.querySelector(`#${id}`)
      const arrived = fresh.getElementById(id)
      if (!list || !arrived) continue
      const current = list.querySelector(".room-link--current")?.id
      list.replaceChildren(...arrived.children)
      if (current) this.markCurrent(document.getElementById(current))
    }
    this.updateBadge()
  }

  markCurrent(link) {
    if (!link) return
    link.classList.add("room-link--current")
    link.classList.remove("room-link--unread")
    link.setAttribute("aria-current", "page")
  }
}
