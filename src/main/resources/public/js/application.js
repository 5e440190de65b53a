import "@hotwired/turbo-rails"
import { Application } from "@hotwired/stimulus"
import SidebarController from "controllers/sidebar_controller.js"
import ComposerController from "controllers/composer_controller.js"
import MessagesController from "controllers/messages_controller.js"
import AutocompleteController from "controllers/autocomplete_controller.js"
import PresenceController from "controllers/presence_controller.js"
import TypingController from "controllers/typing_controller.js"
import UnreadRoomsController from "controllers/unread_rooms_controller.js"
import MessageActionsController from "controllers/message_actions_controller.js"
import BoostsController from "controllers/boosts_controller.js"
import SoundController from "controllers/sound_controller.js"
import RichTextController from "controllers/rich_text_controller.js"
import PushController from "controllers/push_controller.js"
import AutoSubmitController from "controllers/auto_submit_controller.js"
import ClipboardController from "controllers/clipboard_controller.js"
import LocalTimeController from "controllers/local_time_controller.js"
import LightboxController from "controllers/lightbox_controller.js"
import "notices.js"
import "room_gone.js"
import "connection_status.js"

// A page with an editor loads it before this module (layouts/head.jte). A page reached later by
// Turbo waits for the editor before it is drawn, in full, in a frame or from a stream, so
// controllers always meet a working editor; pages without one never load it.
const editorMissingIn = root => !customElements.get("lexxy-editor") && !!root?.querySelector("lexxy-editor")
function loadEditorBefore(event, root) {
  if (!editorMissingIn(root)) return
  event.preventDefault()
  import("editor.js").finally(() => event.detail.resume())
}
document.addEventListener("turbo:before-render", event => loadEditorBefore(event, event.detail.newBody))
document.addEventListener("turbo:before-frame-render", event => loadEditorBefore(event, event.detail.newFrame))
document.addEventListener("turbo:before-stream-render", event => {
  if (!editorMissingIn(event.target.templateContent)) return
  const render = event.detail.render
  event.detail.render = async stream => { await import("editor.js"); await render(stream) }
})

const application = Application.start()
application.register("sidebar", SidebarController)
application.register("composer", ComposerController)
application.register("messages", MessagesController)
application.register("autocomplete", AutocompleteController)
application.register("presence", PresenceController)
application.register("typing", TypingController)
application.register("unread-rooms", UnreadRoomsController)
application.register("message-actions", MessageActionsController)
application.register("boosts", BoostsController)
application.register("sound", SoundController)
application.register("rich-text", RichTextController)
application.register("push", PushController)
application.register("auto-submit", AutoSubmitController)
application.register("clipboard", ClipboardController)
application.register("local-time", LocalTimeController)
application.register("lightbox", LightboxController)
window.Stimulus = application
