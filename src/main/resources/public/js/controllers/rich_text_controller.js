import { Controller } from "@hotwired/stimulus"

// Syntax highlighting for code blocks in a message, with the same highlighter (Prism, through
// Lexxy's helper) and the same token colours as the editor. A block names its language on <pre>
// (as Lexxy writes it) or on its <code>; one without a language stays plain text. The highlighter
// is loaded by the first message that has code.
export default class extends Controller {
  async connect() {
    let code = false
    for (const pre of this.element.querySelectorAll("pre")) {
      const language = pre.dataset.language ?? pre.querySelector("code[data-language]")?.dataset.language
      if (language) pre.dataset.language = language
      code ||= !!language
    }
    if (!code) return
    try {
      const { highlightCode } = await import("@37signals/lexxy/helpers")
      if (this.element.isConnected) highlightCode(this.element)
    } catch {
      // Unhighlighted code is still readable.
    }
  }
}
