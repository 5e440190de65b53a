import { StreamActions, visit } from "@hotwired/turbo"
import { float, floatingNotice } from "notices.js"

// A room deleted, or one the person was taken out of, while it is open in a tab: the tab goes to
// the person's rooms and says why, instead of staying on a page that can no longer change.
// (The server sends <turbo-stream action="room_gone" room-id notice> on the person's own stream.)
const NOTICE = "campfire:notice"

StreamActions.room_gone = function () {
  const here = document.querySelector("[data-messages-room-id-value]")?.dataset.messagesRoomIdValue
  if (here !== this.getAttribute("room-id")) return
  sessionStorage.setItem(NOTICE, this.getAttribute("notice") || "")
  visit("/", { action: "replace" })
}

// Shown on the page the tab lands on, where every notice sits, until the person moves on.
document.addEventListener("turbo:load", () => {
  const notice = sessionStorage.getItem(NOTICE)
  if (notice === null) return
  sessionStorage.removeItem(NOTICE)
  if (!notice) return
  float(floatingNotice(notice))
})
