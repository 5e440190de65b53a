package campfire.attachments;

/** Real pictures for tests in other packages. */
public final class TestPictures {
  private TestPictures() {}

  public static byte[] png(int width, int height) { return TestImages.picture(width, height, "png"); }
}
