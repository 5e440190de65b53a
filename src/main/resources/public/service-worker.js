// Campfire's service worker: shows pushed notifications, keeps the app badge at the number of
// unread rooms, and opens (or focuses) the room when a notification is clicked.

self.addEventListener("install", () => self.skipWaiting())
self.addEventListener("activate", event => event.waitUntil(self.clients.claim()))

self.addEventListener("push", event => {
  const message = event.data ? event.data.json() : { title: "Campfire", options: {} }
  const options = Object.assign({ icon: "/images/app-icon.svg" }, message.options)
  const badge = options.data && options.data.badge
  event.waitUntil(Promise.all([
    self.registration.showNotification(message.title, options),
    navigator.setAppBadge && badge !== undefined ? navigator.setAppBadge(badge).catch(() => {}) : Promise.resolve()
  ]))
})

self.addEventListener("notificationclick", event => {
  event.notification.close()
  const path = (event.notification.data && event.notification.data.path) || "/"
  const url = new URL(path, self.location.origin).href
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true })
    const open = windows.find(client => client.url === url) || windows.find(client => new URL(client.url).origin === self.location.origin)
    if (open) {
      await open.focus()
      if (open.url !== url && "navigate" in open) await open.navigate(url)
    } else {
      await self.clients.openWindow(url)
    }
  })())
})
