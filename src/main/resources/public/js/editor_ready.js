// An editor is shown only once it takes input (CSS hides lexxy-editor until data-ready), so
// nothing typed into it the moment it appears is lost; one opened with autofocus gets the focus.
// editor.js imports this before Lexxy, so the listener is there before any editor can initialize.
document.addEventListener("lexxy:initialize", event => {
  const editor = event.target
  editor.dataset.ready = "true"
  if (editor.hasAttribute("autofocus")) editor.focus()
})
// A page restored from Turbo's cache starts its editors again: show them when they are ready.
document.addEventListener("turbo:before-cache", () => {
  for (const editor of document.querySelectorAll("lexxy-editor[data-ready]")) delete editor.dataset.ready
})
