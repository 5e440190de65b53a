import { Controller } from "@hotwired/stimulus"
import { highlightCode } from "@37signals/lexxy/helpers"

// Syntax highlighting for code blocks in a message, with the same highlighter (Prism, through
// Lexxy's helper) and the same token colours as the editor. A block names its language on <pre>
// (as Lexxy writes it) or on its <code>; one without a language stays plain text.
export default class extends Controller {
  connect() {
    for (const pre of this.element.querySelectorAll("pre:not([data-language])")) {
      const language = pre.querySelector("code[data-language]")?.dataset.language
      if (language) pre.dataset.language = language
    }
    try {
      highlightCode(this.element)
    } catch {
      // Unhighlighted code is still readable.
    }
  }
}
