import "@hotwired/turbo-rails"
import { Application } from "@hotwired/stimulus"
import "@37signals/lexxy"
import SidebarController from "controllers/sidebar_controller.js"

const application = Application.start()
application.register("sidebar", SidebarController)
window.Stimulus = application
