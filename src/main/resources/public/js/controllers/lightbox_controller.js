import { Controller } from "@hotwired/stimulus"

const SWIPE = 50

// A picture in a message opens over the page rather than in a new tab: arrows (keys, buttons or a
// swipe) step through the pictures on the page, Escape or a click beside the picture closes it,
// and the focus goes back to the picture it came from. Ctrl/Cmd-click still opens a new tab.
export default class extends Controller {
  static targets = [ "image", "caption", "download", "previous", "next" ]

  connect() {
    this.opener = event => this.#open(event)
    document.addEventListener("click", this.opener)
  }

  disconnect() {
    document.removeEventListener("click", this.opener)
    if (this.element.open) this.element.close()
  }

  previous() { this.#step(-1) }

  next() { this.#step(1) }

  close() { this.element.close() }

  closed() {
    this.imageTarget.removeAttribute("src")
    if (this.link?.isConnected) this.link.focus()
    this.link = null
  }

  key(event) {
    if (event.key === "ArrowLeft") { event.preventDefault(); this.previous() }
    if (event.key === "ArrowRight") { event.preventDefault(); this.next() }
  }

  // The dialog fills the screen; a click on it rather than on the picture or a control is beside the picture.
  clickedBackdrop(event) {
    if (this.swiped) { this.swiped = false; return }
    if (event.target === this.element || event.target.classList.contains("lightbox__figure")) this.close()
  }

  pointerDown(event) { this.startX = event.clientX }

  pointerUp(event) {
    if (this.startX === undefined) return
    const moved = event.clientX - this.startX
    this.startX = undefined
    this.swiped = Math.abs(moved) >= SWIPE
    if (this.swiped) moved < 0 ? this.next() : this.previous()
  }

  #open(event) {
    const link = event.target.closest?.(".attachment--image .attachment__link")
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    this.#show(link)
    if (!this.element.open) this.element.showModal()
  }

  #show(link) {
    this.link = link
    const image = link.querySelector("img")
    this.imageTarget.src = link.getAttribute("href")
    this.imageTarget.alt = image?.alt || ""
    this.captionTarget.textContent = image?.alt || ""
    this.downloadTarget.href = link.dataset.download || link.getAttribute("href")
    const links = this.#links()
    const at = links.indexOf(link)
    this.previousTarget.hidden = at <= 0
    this.nextTarget.hidden = at < 0 || at >= links.length - 1
  }

  #step(by) {
    const links = this.#links()
    const to = links[links.indexOf(this.link) + by]
    if (to) this.#show(to)
  }

  #links() { return [ ...document.querySelectorAll(".attachment--image .attachment__link") ] }
}
