import { Controller } from "@hotwired/stimulus"

// Submits its form as soon as it appears: the session transfer link signs in without a click.
export default class extends Controller {
  connect() {
    this.element.requestSubmit()
  }
}
