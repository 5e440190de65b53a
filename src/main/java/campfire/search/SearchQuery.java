package campfire.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a person typed, reduced to words. Punctuation and quotes are spaces, and every word is
 * quoted as an FTS5 string, so no query can be read as FTS5 syntax (NEAR, AND, column filters, *).
 */
public record SearchQuery(String text, List<String> words) {
  public static final int MAX_CHARS = 200;
  static final int MAX_WORDS = 12;

  public static SearchQuery parse(String raw) {
    String text = raw == null ? "" : raw.strip();
    List<String> words = new ArrayList<>();
    for (String word : text.split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty() && words.size() < MAX_WORDS) words.add(word.toLowerCase(Locale.ROOT));
    }
    return new SearchQuery(text, List.copyOf(words));
  }

  public boolean isEmpty() { return words.isEmpty(); }

  /** The words for PostgreSQL's plainto_tsquery, which ANDs them and reads no operators. */
  public String plainWords() { return String.join(" ", words); }

  /** Every word must match (implicit AND); each is a string token, never an operator. */
  public String ftsMatch() {
    StringBuilder match = new StringBuilder();
    for (String word : words) {
      if (!match.isEmpty()) match.append(' ');
      match.append('"').append(word.replace("\"", "\"\"")).append('"');
    }
    return match.toString();
  }
}
