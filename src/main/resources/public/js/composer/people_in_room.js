// A Lexxy prompt source backed by the room's people (JSON from /autocompletable/users).
export class PeopleInRoom {
  constructor(roomId) {
    this.roomId = roomId
    this.campfire = true
    this.items = new WeakMap()
  }

  async buildListItems(filter = "") {
    const url = `/autocompletable/users?room_id=${this.roomId}&query=${encodeURIComponent(filter)}`
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    if (!response.ok) return []
    const people = await response.json()
    this.items = new WeakMap()
    return people.map(person => {
      const item = this.promptItem(person)
      const listItem = document.createElement("li")
      listItem.setAttribute("role", "option")
      listItem.id = `prompt-item-${person.value}-${Math.random().toString(36).slice(2)}`
      listItem.tabIndex = 0
      listItem.classList.add("lexxy-prompt-menu__item")
      listItem.append(item.querySelector("template[type='menu']").content.cloneNode(true))
      this.items.set(listItem, item)
      return listItem
    })
  }

  promptItemFor(listItem) {
    return this.items.get(listItem)
  }

  promptItem(person) {
    const item = document.createElement("lexxy-prompt-item")
    item.setAttribute("search", person.name)
    item.setAttribute("sgid", person.sgid)
    const menu = document.createElement("template")
    menu.setAttribute("type", "menu")
    menu.content.append(this.avatar(person), document.createTextNode(person.name))
    const editor = document.createElement("template")
    editor.setAttribute("type", "editor")
    const mention = document.createElement("span")
    mention.className = "mention"
    mention.append(this.avatar(person), document.createTextNode(person.name))
    editor.content.append(mention)
    item.append(menu, editor)
    return item
  }

  avatar(person) {
    const image = document.createElement("img")
    image.src = person.avatar_url
    image.alt = ""
    image.width = 20
    image.height = 20
    image.className = "mention__avatar"
    return image
  }
}
