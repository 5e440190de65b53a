import { Controller } from "@hotwired/stimulus"
import { lineIcon } from "icons.js"

const SWIPE = 50
const ICONS = {
  close: "M6 6l12 12M18 6L6 18",
  previous: "M15 5l-7 7 7 7",
  next: "M9 5l7 7-7 7"
}

// A picture in a message opens over the page rather than in a new tab: arrows (keys, buttons or a
// swipe) step through the pictures on the page, Escape or a click beside the picture closes it,
// and the focus goes back to the picture it came from. Ctrl/Cmd-click still opens a new tab. The
// viewer is made the first time a picture is opened, so pages carry no hidden dialog.
export default class extends Controller {
  connect() {
    this.opener = event => this.#open(event)
    this.element.addEventListener("click", this.opener)
  }

  disconnect() {
    this.element.removeEventListener("click", this.opener)
    this.dialog?.remove()
    this.dialog = null
  }

  #open(event) {
    const link = event.target.closest?.(".attachment--image .attachment__link")
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    this.dialog ||= this.#build()
    this.#show(link)
    if (!this.dialog.open) this.dialog.showModal()
  }

  #build() {
    const dialog = document.createElement("dialog")
    dialog.className = "lightbox"
    dialog.setAttribute("aria-label", "Image viewer")
    const figure = element("figure", "lightbox__figure")
    this.image = element("img", "lightbox__image")
    this.image.alt = ""
    this.image.draggable = false
    const caption = element("figcaption", "lightbox__caption")
    this.caption = element("span")
    this.download = element("a", "lightbox__download")
    this.download.textContent = "Download"
    this.download.setAttribute("download", "")
    caption.append(this.caption, this.download)
    figure.append(this.image, caption)
    this.previousButton = button("lightbox__step lightbox__step--previous", "Previous image", ICONS.previous, () => this.#step(-1))
    this.nextButton = button("lightbox__step lightbox__step--next", "Next image", ICONS.next, () => this.#step(1))
    dialog.append(figure, button("lightbox__close", "Close", ICONS.close, () => dialog.close()), this.previousButton, this.nextButton)

    dialog.addEventListener("keydown", event => {
      if (event.key === "ArrowLeft") { event.preventDefault(); this.#step(-1) }
      if (event.key === "ArrowRight") { event.preventDefault(); this.#step(1) }
    })
    // The dialog fills the screen: a click on it rather than on the picture or a control is beside the picture.
    dialog.addEventListener("click", event => {
      if (this.swiped) { this.swiped = false; return }
      if (event.target === dialog || event.target === figure) dialog.close()
    })
    dialog.addEventListener("pointerdown", event => { this.startX = event.clientX })
    dialog.addEventListener("pointerup", event => {
      if (this.startX === undefined) return
      const moved = event.clientX - this.startX
      this.startX = undefined
      this.swiped = Math.abs(moved) >= SWIPE
      if (this.swiped) this.#step(moved < 0 ? 1 : -1)
    })
    dialog.addEventListener("close", () => {
      this.image.removeAttribute("src")
      if (this.link?.isConnected) this.link.focus()
      this.link = null
    })
    document.body.append(dialog)
    return dialog
  }

  #show(link) {
    this.link = link
    const thumbnail = link.querySelector("img")
    this.image.src = link.getAttribute("href")
    this.image.alt = thumbnail?.alt || ""
    this.caption.textContent = thumbnail?.alt || ""
    this.download.href = link.dataset.download || link.getAttribute("href")
    const links = this.#links()
    const at = links.indexOf(link)
    this.previousButton.hidden = at <= 0
    this.nextButton.hidden = at < 0 || at >= links.length - 1
  }

  #step(by) {
    const links = this.#links()
    const to = links[links.indexOf(this.link) + by]
    if (to) this.#show(to)
  }

  #links() { return [ ...this.element.querySelectorAll(".attachment--image .attachment__link") ] }
}

function element(name, className) {
  const made = document.createElement(name)
  if (className) made.className = className
  return made
}

function button(className, label, path, action) {
  const made = element("button", `icon-button ${className}`)
  made.type = "button"
  made.setAttribute("aria-label", label)
  made.title = label
  made.append(lineIcon(path, 22))
  made.addEventListener("click", action)
  return made
}
