// Where a message's actions go, read from the message element itself (its id and its permalink,
// /rooms/<room>/@<id>), so a message need not carry each path.
export function pathsOf(message) {
  const id = message.dataset.messageId
  const permalink = message.querySelector(".message__time")?.getAttribute("href") || ""
  const room = permalink.split("/")[2]
  return {
    id,
    permalink,
    resource: `/rooms/${room}/messages/${id}`,
    edit: `/rooms/${room}/messages/${id}/edit`,
    frame: `frame_${message.id}`,
    boostPicker: `/messages/${id}/boosts/new`
  }
}
