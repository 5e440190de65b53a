import { float } from "notices.js"

// Says so while the live connection is lost: a banner at the top of the page (over it, so nothing
// moves; above any notice, which it never covers) from the moment a page that was live loses its connection until it is back, when the
// page catches up with what was missed (reconnects.js) and the banner goes.
const BANNER_ID = "connection_banner"

function banner(show) {
  const shown = document.getElementById(BANNER_ID)
  if (!show) return shown?.remove()
  if (shown) return
  const element = document.createElement("div")
  element.id = BANNER_ID
  element.className = "connection-banner"
  element.setAttribute("role", "status")
  element.textContent = "Reconnecting… New messages will appear as soon as the connection is back."
  float(element, { first: true })
}

let watched = null

document.addEventListener("turbo:load", () => {
  watched?.disconnect()
  watched = null
  banner(false)
  const source = document.querySelector("turbo-cable-stream-source")
  if (!source) return
  let wasLive = source.hasAttribute("connected")
  watched = new MutationObserver(() => {
    const live = source.hasAttribute("connected")
    if (live) wasLive = true
    banner(wasLive && !live)
  })
  watched.observe(source, { attributes: true, attributeFilter: [ "connected" ] })
})
