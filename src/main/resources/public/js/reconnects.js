// Calls back each time a live stream source (a turbo-cable-stream-source) comes back after it
// dropped, with the time it dropped, so what was missed meanwhile can be fetched. Returns the
// observer to disconnect, or null when there is no source.
export function whenReconnected(source, callback) {
  if (!source) return null
  let droppedAt = null
  const observer = new MutationObserver(() => {
    if (!source.hasAttribute("connected")) {
      droppedAt = droppedAt || Date.now()
    } else if (droppedAt) {
      const since = droppedAt
      droppedAt = null
      callback(since)
    }
  })
  observer.observe(source, { attributes: true, attributeFilter: [ "connected" ] })
  return observer
}
