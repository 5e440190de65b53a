import { Controller } from "@hotwired/stimulus"
import { pathsOf } from "message_paths.js"

// A message's menu. Each message carries only its summary button; the menu is made the first time
// it opens (the same for every message, filled from the message's own ids), so a room page and a
// broadcast frame do not carry forty copies of it. It stays open until the person closes it:
// Escape, a click outside it, or choosing an action that is done with it (Reply). Copy link copies
// the absolute permalink and says so beside the button, leaving the menu where it is. The menu
// opens upwards when there is no room below it, and arrow keys, Home and End move between its items.
export default class extends Controller {
  connect() {
    this.onToggle = this.toggled.bind(this)
    this.onOutside = this.clickedOutside.bind(this)
    this.onKeydown = this.keydown.bind(this)
    this.onSubmitted = () => this.close()
    this.element.addEventListener("toggle", this.onToggle)
    // A boost sent from the picker is done with the menu.
    this.element.addEventListener("turbo:submit-end", this.onSubmitted)
  }

  disconnect() {
    this.element.removeEventListener("toggle", this.onToggle)
    this.element.removeEventListener("turbo:submit-end", this.onSubmitted)
    this.stopListening()
  }

  toggled() {
    if (this.element.open) {
      this.ensureMenu()
      this.place()
      document.addEventListener("click", this.onOutside, true)
      document.addEventListener("keydown", this.onKeydown)
    } else {
      this.stopListening()
      this.element.querySelector(".message__copied")?.remove()
    }
  }

  stopListening() {
    document.removeEventListener("click", this.onOutside, true)
    document.removeEventListener("keydown", this.onKeydown)
  }

  clickedOutside(event) {
    if (!this.element.contains(event.target)) this.close()
  }

  keydown(event) {
    if (event.key === "Escape") {
      this.close()
      this.element.querySelector("summary")?.focus()
      return
    }
    const items = this.items()
    if (!items.length || ![ "ArrowDown", "ArrowUp", "Home", "End" ].includes(event.key)) return
    event.preventDefault()
    const at = items.indexOf(document.activeElement)
    const next = event.key === "Home" ? 0 : event.key === "End" ? items.length - 1
      : event.key === "ArrowDown" ? (at + 1) % items.length : (at <= 0 ? items.length - 1 : at - 1)
    items[next].focus()
  }

  /** The menu's choices a person can reach now (their own messages' Edit and Delete only on theirs). */
  items() {
    return [ ...this.element.querySelectorAll(".message__menu .boost-picker__pick, .message__menu .boost-picker__input, .message__menu-item") ]
      .filter(item => item.checkVisibility())
  }

  /** Below the button, or above it when the room's visible part ends before the menu would. */
  place() {
    const menu = this.element.querySelector(".message__menu")
    menu.classList.remove("message__menu--up")
    const room = this.element.closest(".messages")?.getBoundingClientRect()
    const floor = Math.min(window.innerHeight, room?.bottom ?? window.innerHeight)
    const ceiling = Math.max(0, room?.top ?? 0)
    const below = menu.getBoundingClientRect()
    const roomAbove = this.element.getBoundingClientRect().top - ceiling
    if (below.bottom > floor && roomAbove > floor - this.element.getBoundingClientRect().bottom) menu.classList.add("message__menu--up")
  }

  async copyLink(event) {
    const button = event.currentTarget
    await navigator.clipboard.writeText(new URL(button.dataset.permalink, window.location.origin).href)
    if (this.element.querySelector(".message__copied")) return
    const note = document.createElement("span")
    note.className = "message__copied"
    note.setAttribute("role", "status")
    note.textContent = "Link copied"
    button.after(note)
  }

  reply(event) {
    const button = event.currentTarget
    const message = this.element.closest(".message")
    const body = message?.querySelector(".message__body")
    let text = (body?.innerText || "").replace(/\s+/g, " ").trim()
    if (!text) text = message?.querySelector(".attachment__name, .attachment__caption")?.textContent?.trim() || ""
    if (text.length > 280) text = `${text.slice(0, 279).trim()}…`
    window.dispatchEvent(new CustomEvent("campfire:reply", {
      detail: { author: button.dataset.author, permalink: button.dataset.permalink, text }
    }))
    this.close()
  }

  close() {
    this.element.removeAttribute("open")
  }

  ensureMenu() {
    if (this.element.querySelector(".message__menu")) return
    const message = this.element.closest(".message")
    this.element.append(menuFor(message.id, pathsOf(message), message.querySelector(".message__author")?.textContent.trim() || ""))
  }
}

function menuFor(domId, paths, author) {
  const menu = element("div", { class: "message__menu" })
  const picker = element("turbo-frame", { id: `new_boost_${domId}`, class: "boost-picker-frame", src: paths.boostPicker, loading: "lazy" })
  const copy = element("button", { type: "button", class: "message__menu-item", "data-action": "message-actions#copyLink", "data-permalink": paths.permalink }, "Copy link")
  const reply = element("button", { type: "button", class: "message__menu-item", "data-action": "message-actions#reply", "data-author": author, "data-permalink": paths.permalink }, "Reply")
  const edit = element("a", { class: "message__menu-item message__mine-only", href: paths.edit, "data-turbo-frame": paths.frame, "data-action": "message-actions#close" }, "Edit")
  const remove = element("form", { class: "message__mine-only", action: paths.resource, method: "post", "data-turbo-confirm": "Delete this message for everyone?" })
  remove.append(element("input", { type: "hidden", name: "_method", value: "delete" }),
    element("button", { type: "submit", class: "message__menu-item message__menu-item--danger" }, "Delete"))
  menu.append(picker, copy, reply, edit, remove)
  return menu
}

function element(name, attributes, text) {
  const made = document.createElement(name)
  for (const [ key, value ] of Object.entries(attributes)) made.setAttribute(key, value)
  if (text) made.textContent = text
  return made
}
