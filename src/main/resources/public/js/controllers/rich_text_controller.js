import { Controller } from "@hotwired/stimulus"
import hljs from "highlight.js"

// Syntax highlighting for code blocks in a message.
export default class extends Controller {
  connect() {
    for (const pre of this.element.querySelectorAll("pre")) {
      if (pre.dataset.highlighted) continue
      for (const br of pre.querySelectorAll("br")) br.replaceWith("\n")
      const language = pre.dataset.language || pre.querySelector("code")?.dataset.language
      if (language && hljs.getLanguage(language)) pre.classList.add(`language-${language}`)
      try {
        hljs.highlightElement(pre)
      } catch {
        // Unhighlighted code is still readable.
      }
    }
  }
}
