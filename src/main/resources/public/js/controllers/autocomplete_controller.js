import { Controller } from "@hotwired/stimulus"

// Finds people by name and collects the chosen ones in a multiple select. The suggestions are a
// listbox the input controls (a combobox): arrows move the highlighted person, which the input
// names in aria-activedescendant; Enter chooses; Escape, or a click beside it, closes the list.
export default class extends Controller {
  static targets = [ "input", "suggestions", "select", "chips" ]

  connect() {
    this.asked = 0
    this.beside = event => { if (!this.element.contains(event.target)) this.close() }
    document.addEventListener("click", this.beside)
    // Typing can start before the controller connects (right after a Turbo visit).
    if (this.inputTarget.value) this.search()
  }

  disconnect() {
    document.removeEventListener("click", this.beside)
    clearTimeout(this.timer)
  }

  async search() {
    const query = this.inputTarget.value.trim()
    clearTimeout(this.timer)
    this.timer = setTimeout(async () => {
      // Only the answer to the latest question is shown, whatever order the answers arrive in.
      const asked = ++this.asked
      const response = await fetch(`/autocompletable/users?query=${encodeURIComponent(query)}`, { headers: { Accept: "application/json" } })
      if (!response.ok || asked !== this.asked) return
      const people = await response.json()
      if (asked === this.asked) this.show(people)
    }, 120)
  }

  close() {
    this.suggestionsTarget.replaceChildren()
    this.inputTarget.setAttribute("aria-expanded", "false")
    this.inputTarget.removeAttribute("aria-activedescendant")
  }

  show(people) {
    const chosen = new Set([ ...this.selectTarget.options ].map(option => option.value))
    this.suggestionsTarget.replaceChildren(...people.filter(person => !chosen.has(String(person.value))).map(person => {
      const option = document.createElement("suggestion-option")
      option.setAttribute("role", "option")
      option.setAttribute("tabindex", "-1")
      option.id = `${this.suggestionsTarget.id}_${person.value}`
      option.dataset.value = person.value
      option.dataset.name = person.name
      const avatar = document.createElement("img")
      avatar.src = person.avatar_url
      avatar.alt = ""
      avatar.width = 24
      avatar.height = 24
      option.append(avatar, document.createTextNode(person.name))
      option.addEventListener("click", () => this.choose(option))
      return option
    }))
    this.inputTarget.removeAttribute("aria-activedescendant")
    this.inputTarget.setAttribute("aria-expanded", this.suggestionsTarget.children.length > 0)
  }

  navigate(event) {
    const options = [ ...this.suggestionsTarget.querySelectorAll("suggestion-option") ]
    if (event.key === "Escape" && options.length > 0) {
      event.preventDefault()
      this.close()
    } else if (event.key === "Enter") {
      event.preventDefault()
      const active = this.suggestionsTarget.querySelector("[aria-selected='true']") || options[0]
      if (active) this.choose(active)
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault()
      const index = options.findIndex(option => option.getAttribute("aria-selected") === "true")
      const next = options[(index + (event.key === "ArrowDown" ? 1 : options.length - 1)) % options.length]
      options.forEach(option => option.setAttribute("aria-selected", option === next))
      if (next) this.inputTarget.setAttribute("aria-activedescendant", next.id)
    }
  }

  choose(option) {
    const value = option.dataset.value
    if (![ ...this.selectTarget.options ].some(existing => existing.value === value)) {
      this.selectTarget.add(new Option(option.dataset.name, value, true, true))
      const chip = document.createElement("button")
      chip.type = "button"
      chip.className = "chip"
      chip.textContent = option.dataset.name
      chip.setAttribute("aria-label", `Remove ${option.dataset.name}`)
      chip.addEventListener("click", () => {
        [ ...this.selectTarget.options ].filter(existing => existing.value === value).forEach(existing => existing.remove())
        chip.remove()
      })
      this.chipsTarget.append(chip)
    }
    this.inputTarget.value = ""
    this.close()
    this.inputTarget.focus()
  }
}
