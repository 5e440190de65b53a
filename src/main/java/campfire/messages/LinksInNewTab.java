package campfire.messages;

import java.util.ArrayList;
import java.util.List;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.HtmlStreamEventReceiverWrapper;

/**
 * Adds target="_blank" to every link the sanitiser lets through, always after rel, so a body
 * sanitised twice (an export imported again) is the same text as a body sanitised once.
 */
final class LinksInNewTab extends HtmlStreamEventReceiverWrapper {
  LinksInNewTab(HtmlStreamEventReceiver underlying) { super(underlying); }

  @Override
  public void openTag(String elementName, List<String> attrs) {
    if (!"a".equals(elementName)) {
      super.openTag(elementName, attrs);
      return;
    }
    List<String> ordered = new ArrayList<>(attrs.size() + 2);
    String rel = null;
    for (int i = 0; i + 1 < attrs.size(); i += 2) {
      String name = attrs.get(i);
      if (name.equals("rel")) rel = attrs.get(i + 1);
      else if (!name.equals("target")) ordered.addAll(List.of(name, attrs.get(i + 1)));
    }
    if (rel != null) ordered.addAll(List.of("rel", rel));
    ordered.addAll(List.of("target", "_blank"));
    super.openTag(elementName, ordered);
  }
}
