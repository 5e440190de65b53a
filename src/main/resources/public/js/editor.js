import "editor_ready.js"
import "@37signals/lexxy"
import { keepEditorsInert } from "inert_markup.js"

// The rich text editor (Lexxy, on Lexical) and what we add to it. Only pages with an editor (a
// room's composer, a message being edited) load this module and everything it brings: the sign-in
// page, settings and profiles start without it. layouts/head.jte and application.js say when.
keepEditorsInert()
