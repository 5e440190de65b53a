package campfire.messages;

import java.time.Instant;

/** Something somebody said in a room, with who said it. */
public record Message(
    long id,
    long roomId,
    long creatorId,
    String clientMessageId,
    String bodyHtml,
    String bodyPlain,
    long createdAt,
    long updatedAt,
    String creatorName,
    String creatorRole,
    String boostsJson,
    String attachmentJson,
    String creatorAvatarKey,
    long creatorUpdatedAt) {

  public String domId() { return "message_" + clientMessageId; }

  public String path() { return "/rooms/" + roomId + "/@" + id; }

  public String createdAtIso() { return Instant.ofEpochMilli(createdAt).toString(); }

  /** Hours and minutes in UTC; the browser replaces it with local time. */
  public String timeLabel() {
    return java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneOffset.UTC).format(Instant.ofEpochMilli(createdAt));
  }

  public String resourcePath() { return "/rooms/" + roomId + "/messages/" + id; }

  public boolean edited() { return updatedAt - createdAt > 1000; }

  /** Rendered HTML: sanitised again on the way out, whatever the stored copy says. */
  public String safeHtml() { return RichText.sanitize(bodyHtml); }

  /**
   * What people see: the safe HTML with mentions (with the uploaded pictures of the people it
   * mentions, by id; the others get initials) and link cards drawn in.
   */
  public String presentedHtml(java.util.Map<Long, String> mentionPictures) { return Presentation.present(safeHtml(), mentionPictures::get); }

  /** The body as the editor loads it back: mentions become editor attachments again. */
  public String editableHtml() { return Presentation.editable(safeHtml()); }

  public java.util.Set<Long> mentionedUserIds() { return Presentation.mentionedUserIds(bodyHtml); }

  /** Space-separated ids of the people mentioned, for highlighting on the page. */
  public String mentionedUserIdList() {
    return String.join(" ", mentionedUserIds().stream().map(String::valueOf).toList());
  }

  public boolean emojiOnly() { return Presentation.emojiOnly(bodyPlain); }

  /** The sound this message plays, when its body is exactly "/play NAME" with a known name. */
  public java.util.Optional<campfire.sounds.Sound> sound() { return campfire.sounds.Sounds.playedBy(bodyPlain); }

  public java.util.List<Boost> boosts() { return Boost.fromJson(boostsJson); }

  public campfire.attachments.Attachment attachment() { return campfire.attachments.Attachment.fromJson(attachmentJson); }

  public String creatorInitials() { return campfire.accounts.User.initials(creatorName); }

  public long creatorHue() { return campfire.accounts.User.hue(creatorId); }

  /** Whether the author uploaded a picture (else their initials are shown). */
  public boolean creatorHasPicture() { return creatorAvatarKey != null; }

  public boolean creatorIsBot() { return campfire.accounts.User.BOT.equals(creatorRole); }
}
