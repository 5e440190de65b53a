package campfire.web;

/** What every layout needs, whoever is looking: title, CSRF token, import map, account styling. */
public record Page(String title, String csrfToken, String importMap, String accountName, String customStyles, Assets assets, String notice, String vapidPublicKey) {

  /** The digested URL of a stylesheet, script or image by its logical name ({@code app.css}). */
  public String asset(String name) { return assets.url(name); }

  /** Administrators write this CSS; it still must not close the style element it lives in. */
  public String customStylesForStyleTag() { return customStyles == null ? "" : customStyles.replace("</", "<\\/"); }
}
