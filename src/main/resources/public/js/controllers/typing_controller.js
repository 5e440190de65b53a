import { Controller } from "@hotwired/stimulus"
import { cable } from "@hotwired/turbo-rails"

const EXPIRES_AFTER = 5000
const SEND_EVERY = 3000

// Shows who is typing in the room, and tells others when you are. Indicators expire by themselves.
export default class extends Controller {
  static values = { roomId: Number, userId: Number }

  async connect() {
    this.typists = new Map()
    this.subscription = await cable.subscribeTo({ channel: "TypingNotificationsChannel", room_id: this.roomIdValue },
      { received: data => this.received(data) })
    this.editor = document.querySelector("#composer lexxy-editor")
    this.onInput = () => this.typing()
    this.onSent = () => this.stopped()
    this.editor?.addEventListener("lexxy:change", this.onInput)
    this.editor?.closest("form")?.addEventListener("submit", this.onSent)
  }

  disconnect() {
    this.editor?.removeEventListener("lexxy:change", this.onInput)
    this.editor?.closest("form")?.removeEventListener("submit", this.onSent)
    this.subscription?.unsubscribe()
    this.typists.forEach(({ timer }) => clearTimeout(timer))
  }

  typing() {
    if (this.editor?.isBlank) return this.stopped()
    const now = Date.now()
    if (this.lastSent && now - this.lastSent < SEND_EVERY) return
    this.lastSent = now
    this.subscription?.perform("start")
  }

  stopped() {
    if (!this.lastSent) return
    this.lastSent = null
    this.subscription?.perform("stop")
  }

  received({ action, user }) {
    if (!user || user.id === this.userIdValue) return
    clearTimeout(this.typists.get(user.id)?.timer)
    if (action === "start") {
      const timer = setTimeout(() => { this.typists.delete(user.id); this.render() }, EXPIRES_AFTER)
      this.typists.set(user.id, { name: user.name, timer })
    } else {
      this.typists.delete(user.id)
    }
    this.render()
  }

  render() {
    const names = [ ...this.typists.values() ].map(typist => typist.name)
    if (names.length === 0) this.element.textContent = ""
    else if (names.length === 1) this.element.textContent = `${names[0]} is typing…`
    else this.element.textContent = `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} are typing…`
  }
}
