import { Controller } from "@hotwired/stimulus"

// "Notify me": registers the service worker, asks for permission, and gives the server this
// browser's push subscription. Hidden where push is not supported or already on.
export default class extends Controller {
  async connect() {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !this.publicKey) return
    this.registration = await navigator.serviceWorker.register("/service-worker.js")
    const existing = await this.registration.pushManager.getSubscription()
    if (!existing && Notification.permission !== "denied") this.element.hidden = false
  }

  async subscribe() {
    if (await Notification.requestPermission() !== "granted") return
    const subscription = await this.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: this.publicKey })
    const json = subscription.toJSON()
    const body = new FormData()
    body.set("push_subscription[endpoint]", json.endpoint)
    body.set("push_subscription[p256dh_key]", json.keys.p256dh)
    body.set("push_subscription[auth_key]", json.keys.auth)
    const response = await fetch("/users/me/push_subscriptions", {
      method: "POST", body, headers: { "X-CSRF-Token": document.querySelector("meta[name='csrf-token']").content, Accept: "application/json" }
    })
    if (response.ok) this.element.hidden = true
  }

  get publicKey() {
    return document.querySelector("meta[name='vapid-public-key']")?.content
  }
}
