import { Controller } from "@hotwired/stimulus"
import { renderStreamMessage } from "@hotwired/turbo"
import { whenReconnected } from "reconnects.js"

const FIVE_MINUTES = 5 * 60 * 1000
const NEAR_BOTTOM = 120

// The conversation: local times, grouping by author, day separators, your own messages marked,
// infinite scroll both ways, staying pinned to the newest, and catching up after a reconnect.
// A message arrives by as many as three ways (the poster's own answer, the live broadcast, a
// catch-up after a reconnect), in any order: whichever comes first takes the place of the pending
// copy, and a later copy only replaces it when it is newer (an edit), so nothing shows twice,
// moves, or comes back after an edit or a delete.
export default class extends Controller {
  static targets = [ "empty" ]
  static values = { roomId: Number, userId: Number, admin: Boolean, focus: Number, latest: Boolean }

  connect() {
    this.pinned = true
    this.lastSeenAt = Date.now()
    this.decorate()
    this.observer = new MutationObserver(() => this.changed())
    this.observer.observe(this.element, { childList: true })
    // "Jump to newest" sits beside the scrolling list, not in it (so it stays put): found by its id.
    this.jump = document.getElementById(`jump_to_newest_${this.roomIdValue}`)
    this.onJump = () => this.jumpToNewest()
    this.jump?.addEventListener("click", this.onJump)
    this.onScroll = this.scrolled.bind(this)
    this.element.addEventListener("scroll", this.onScroll, { passive: true })
    this.connectionObserver = whenReconnected(document.querySelector("turbo-cable-stream-source[channel='RoomMessagesChannel']"),
      droppedAt => this.catchUp(droppedAt))
    this.deleted = new Set()
    this.onStream = this.reconcile.bind(this)
    document.addEventListener("turbo:before-stream-render", this.onStream)
    requestAnimationFrame(() => this.initialPosition())
  }

  disconnect() {
    document.removeEventListener("turbo:before-stream-render", this.onStream)
    this.observer?.disconnect()
    this.element.removeEventListener("scroll", this.onScroll)
    this.jump?.removeEventListener("click", this.onJump)
    this.connectionObserver?.disconnect()
  }

  reconcile(event) {
    const stream = event.target
    const action = stream.getAttribute("action")
    const target = stream.getAttribute("target")
    if (action === "remove" && target?.startsWith("message_")) this.deleted.add(target)
    if (action !== "append" || target !== this.element.id) return
    event.detail.render = () => {
      const arrived = stream.templateContent
      for (const message of [ ...arrived.children ]) {
        const present = message.id && document.getElementById(message.id)
        if (this.deleted.has(message.id)) {
          message.remove()
        } else if (present && this.element.contains(present)) {
          if (this.supersedes(message, present)) present.replaceWith(message)
          else message.remove()
        }
      }
      this.element.append(arrived)
    }
  }

  supersedes(arrived, present) {
    return present.classList.contains("message--pending") || Number(arrived.dataset.updatedAt) > Number(present.dataset.updatedAt)
  }

  initialPosition() {
    const focused = this.focusValue && this.element.querySelector(`[data-message-id="${this.focusValue}"]`)
    if (focused) {
      focused.classList.add("message--focused")
      focused.scrollIntoView({ block: "center" })
    } else {
      this.scrollToBottom()
    }
  }

  changed() {
    const wasPinned = this.pinned
    this.decorate()
    if (this.element.querySelector(".message")) this.emptyTargets.forEach(empty => empty.remove())
    if (wasPinned) this.scrollToBottom()
    this.lastSeenAt = Date.now()
  }

  decorate() {
    let previous = null
    for (const message of this.element.querySelectorAll(".message")) {
      const creator = Number(message.dataset.creatorId)
      const at = Number(message.dataset.createdAt)
      message.classList.toggle("message--mine", creator === this.userIdValue)
      message.classList.toggle("message--editable", creator === this.userIdValue || this.adminValue)
      message.classList.toggle("message--mentions-me", (message.dataset.mentions || "").split(" ").includes(String(this.userIdValue)))
      const sameAuthor = previous && Number(previous.dataset.creatorId) === creator
      const close = previous && at - Number(previous.dataset.createdAt) < FIVE_MINUTES
      const newDay = !previous || new Date(at).toDateString() !== new Date(Number(previous.dataset.createdAt)).toDateString()
      message.classList.toggle("message--followup", Boolean(sameAuthor && close && !newDay))
      message.classList.toggle("message--new-day", Boolean(newDay))
      if (newDay) message.dataset.day = this.dayLabel(new Date(at))
      previous = message
    }
  }

  dayLabel(date) {
    const today = new Date()
    const yesterday = new Date(Date.now() - 86400000)
    if (date.toDateString() === today.toDateString()) return "Today"
    if (date.toDateString() === yesterday.toDateString()) return "Yesterday"
    return date.toLocaleDateString([], { weekday: "long", month: "long", day: "numeric", year: "numeric" })
  }

  scrolled() {
    const fromBottom = this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight
    this.pinned = fromBottom < NEAR_BOTTOM
    if (this.jump) this.jump.hidden = this.pinned && this.latestValue
    if (this.element.scrollTop < 200) this.loadOlder()
    if (!this.latestValue && fromBottom < 200) this.loadNewer()
  }

  async loadOlder() {
    const first = this.element.querySelector(".message[data-message-id]")
    if (!first || this.loadingOlder || this.reachedOldest) return
    this.loadingOlder = true
    try {
      const html = await this.page(`before=${first.dataset.messageId}`)
      if (html === null) { this.reachedOldest = true; return }
      const height = this.element.scrollHeight
      first.insertAdjacentHTML("beforebegin", html)
      this.element.scrollTop += this.element.scrollHeight - height
    } finally {
      this.loadingOlder = false
    }
  }

  async loadNewer() {
    const messages = this.element.querySelectorAll(".message[data-message-id]")
    const last = messages[messages.length - 1]
    if (!last || this.loadingNewer) return
    this.loadingNewer = true
    try {
      const html = await this.page(`after=${last.dataset.messageId}`)
      if (html === null) { this.latestValue = true; return }
      last.insertAdjacentHTML("afterend", html)
    } finally {
      this.loadingNewer = false
    }
  }

  async page(query) {
    const response = await fetch(`/rooms/${this.roomIdValue}/messages?${query}`, { headers: { Accept: "text/html" } })
    if (response.status === 204 || !response.ok) return null
    return await response.text()
  }

  jumpToNewest() {
    if (this.latestValue) {
      this.scrollToBottom()
    } else {
      window.location.href = `/rooms/${this.roomIdValue}`
    }
  }

  scrollToBottom() {
    this.element.scrollTop = this.element.scrollHeight
    this.pinned = true
    if (this.jump) this.jump.hidden = true
  }

  // When the cable drops and comes back, ask for what changed while we were away.
  async catchUp(droppedAt) {
    const since = droppedAt - 5000
    const response = await fetch(`/rooms/${this.roomIdValue}/refresh?since=${since}`, { headers: { Accept: "text/vnd.turbo-stream.html" } })
    if (response.ok) renderStreamMessage(await response.text())
  }
}
