import { renderStreamMessage } from "@hotwired/turbo"
import { showPending, markFailed, reasonFor } from "composer/pending.js"

// Files (chosen, pasted or dropped): each one is its own message, uploaded with a progress bar,
// one at a time in the order chosen so the messages arrive in that order.
export class Uploads {
  constructor(form, csrfToken) {
    this.form = form
    this.csrfToken = csrfToken
    this.queue = Promise.resolve()
  }

  add(files) {
    for (const file of Array.from(files)) this.upload(file)
  }

  upload(file) {
    const clientId = crypto.randomUUID()
    const body = new FormData()
    body.set("authenticity_token", this.csrfToken())
    body.set("message[client_message_id]", clientId)
    body.set("message[body]", "")
    body.set("message[attachment]", file, file.name)
    const pending = showPending(clientId, "")
    const progress = document.createElement("progress")
    progress.className = "upload-progress"
    progress.max = 100
    progress.value = 0
    progress.setAttribute("aria-label", `Uploading ${file.name}`)
    const name = document.createElement("p")
    name.className = "upload-name"
    name.textContent = file.name
    pending.querySelector(".message__content").append(name, progress)
    this.queue = this.queue.then(() => this.send(body, pending, progress))
  }

  send(body, pending, progress) {
    return new Promise(resolve => {
      const request = this.request(body, pending, progress)
      request.addEventListener("loadend", () => resolve())
      request.send(body)
    })
  }

  request(body, pending, progress) {
    pending.classList.remove("message--failed")
    const retry = () => this.send(body, pending, progress)
    const request = new XMLHttpRequest()
    request.open("POST", this.form.action)
    request.setRequestHeader("Accept", "text/vnd.turbo-stream.html, application/json")
    request.setRequestHeader("X-CSRF-Token", this.csrfToken())
    request.upload.addEventListener("progress", event => {
      if (event.lengthComputable) progress.value = Math.round(event.loaded / event.total * 100)
    })
    request.addEventListener("load", () => {
      if (request.status >= 200 && request.status < 300) {
        progress.value = 100
        renderStreamMessage(request.responseText)
      } else {
        markFailed(pending, retry, reasonFor(request.status, request.responseText))
      }
    })
    request.addEventListener("error", () => markFailed(pending, retry, "the connection failed"))
    return request
  }
}
