package campfire.messages;

import java.util.ArrayList;
import java.util.List;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.HtmlStreamEventReceiverWrapper;

/** Adds target="_blank" to every link the sanitiser lets through. */
final class LinksInNewTab extends HtmlStreamEventReceiverWrapper {
  LinksInNewTab(HtmlStreamEventReceiver underlying) { super(underlying); }

  @Override
  public void openTag(String elementName, List<String> attrs) {
    if ("a".equals(elementName) && !attrs.contains("target")) {
      List<String> withTarget = new ArrayList<>(attrs);
      withTarget.add("target");
      withTarget.add("_blank");
      super.openTag(elementName, withTarget);
      return;
    }
    super.openTag(elementName, attrs);
  }
}
