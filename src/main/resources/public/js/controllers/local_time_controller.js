import { Controller } from "@hotwired/stimulus"

// Every time on every page, written one way in the reader's own zone: the time alone today,
// "Yesterday, 3:05 PM", then "Mar 4, 3:05 PM" (with the year when it is not this one); the
// full date and time on hover. The server writes UTC until this runs.
export default class extends Controller {
  connect() {
    const date = new Date(this.element.getAttribute("datetime"))
    if (Number.isNaN(date.getTime())) return
    this.element.textContent = timeLabel(date, new Date())
    this.element.title = date.toLocaleString([], { dateStyle: "full", timeStyle: "long" })
  }
}

export function timeLabel(date, now) {
  const time = date.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" })
  if (sameDay(date, now)) return time
  const yesterday = new Date(now)
  yesterday.setDate(now.getDate() - 1)
  if (sameDay(date, yesterday)) return `Yesterday, ${time}`
  const day = date.toLocaleDateString([], date.getFullYear() === now.getFullYear()
    ? { month: "short", day: "numeric" } : { month: "short", day: "numeric", year: "numeric" })
  return `${day}, ${time}`
}

function sameDay(a, b) { return a.toDateString() === b.toDateString() }
