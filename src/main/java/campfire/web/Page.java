package campfire.web;

/** What every layout needs, whoever is looking: title, CSRF token, import map, account styling. */
public record Page(String title, String csrfToken, String importMap, String accountName, String customStyles, String assetVersion, String notice, String nonce, String vapidPublicKey) {

  public String asset(String path) { return path + "?v=" + assetVersion; }

  /** Administrators write this CSS; it still must not close the style element it lives in. */
  public String customStylesForStyleTag() { return customStyles == null ? "" : customStyles.replace("</", "<\\/"); }
}
