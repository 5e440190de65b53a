import "@hotwired/turbo-rails"
import { Application } from "@hotwired/stimulus"
import "@37signals/lexxy"
import SidebarController from "controllers/sidebar_controller.js"
import ComposerController from "controllers/composer_controller.js"
import MessagesController from "controllers/messages_controller.js"
import AutocompleteController from "controllers/autocomplete_controller.js"

const application = Application.start()
application.register("sidebar", SidebarController)
application.register("composer", ComposerController)
application.register("messages", MessagesController)
application.register("autocomplete", AutocompleteController)
window.Stimulus = application
