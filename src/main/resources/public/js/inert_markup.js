import { PASTE_TAG } from "lexical"

// Markup set into an editor (its value) or pasted into one may carry event handler attributes,
// such as <img onerror> or <svg onload>. The page's Content Security Policy never lets them run,
// but Chromium reports each refusal as a console error the moment any parser of this page reads
// the markup. So the handlers are renamed in the text before the editor parses it. This keeps
// the page quiet; it is not the guard: the CSP refuses the handlers and the server sanitises
// every message body.
const TAG = /<[a-z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/gi
const HANDLER = /([\s/"'])on([a-z]+\s*=)/gi

export function withoutHandlers(html) {
  return String(html ?? "").replace(TAG, tag => tag.replace(HANDLER, "$1data-removed-on$2"))
}

export function keepEditorsInert() {
  customElements.whenDefined("lexxy-editor").then(Editor => {
    const value = Object.getOwnPropertyDescriptor(Editor.prototype, "value")
    Object.defineProperty(Editor.prototype, "value", {
      ...value,
      set(html) { value.set.call(this, withoutHandlers(html)) }
    })
  })
  document.addEventListener("paste", pasted, true)
}

function pasted(event) {
  const editor = event.target.closest?.("lexxy-editor")
  const html = event.clipboardData?.getData("text/html")
  if (!editor || !html || event.clipboardData.files.length > 0) return
  const inert = withoutHandlers(html)
  if (inert === html) return
  event.preventDefault()
  event.stopImmediatePropagation()
  editor.contents.insertHtml(inert, { tag: PASTE_TAG })
}
