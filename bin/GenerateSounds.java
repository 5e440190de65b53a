import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Synthesises Campfire's /play sounds as small WAV files, so every sound is ours. Deterministic:
 * running it again writes the same bytes. Usage: java bin/GenerateSounds.java OUTPUT_DIR
 */
public class GenerateSounds {
  static final int RATE = 22050;

  interface Voice { double at(double t, double freq); }

  static final Voice SINE = (t, f) -> Math.sin(2 * Math.PI * f * t);
  static final Voice SQUARE = (t, f) -> Math.signum(Math.sin(2 * Math.PI * f * t)) * 0.5;
  static final Voice SAW = (t, f) -> 2 * ((t * f) % 1.0) - 1;
  static final Voice BRASS = (t, f) -> 0.6 * Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t) + 0.2 * Math.sin(6 * Math.PI * f * t);
  static final Voice BELL = (t, f) -> Math.sin(2 * Math.PI * f * t) * Math.exp(-3 * t) + 0.4 * Math.sin(2 * Math.PI * f * 2.76 * t) * Math.exp(-5 * t);

  /** A note: frequency (0 = rest), length in seconds, voice, optional slide to a second frequency. */
  record Note(double freq, double seconds, Voice voice, double slideTo) {
    Note(double freq, double seconds, Voice voice) { this(freq, seconds, voice, freq); }
  }

  final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
  final Random random;

  GenerateSounds(long seed) { random = new Random(seed); }

  GenerateSounds play(Note... notes) {
    for (Note n : notes) {
      int count = (int) (n.seconds * RATE);
      double phase = 0;
      for (int i = 0; i < count; i++) {
        double t = (double) i / RATE;
        double f = n.freq + (n.slideTo - n.freq) * i / count;
        phase += f / RATE;
        double env = Math.min(1, Math.min(i / (RATE * 0.01), (count - i) / (RATE * 0.03)));
        double v = n.freq == 0 ? 0 : n.voice.at(phase / Math.max(f, 1), f) * env;
        sample(v * 0.7);
      }
    }
    return this;
  }

  GenerateSounds noise(double seconds, double decay) {
    int count = (int) (seconds * RATE);
    for (int i = 0; i < count; i++) sample((random.nextDouble() * 2 - 1) * Math.exp(-decay * i / RATE) * 0.6);
    return this;
  }

  GenerateSounds chirps(int times, double freq) {
    for (int k = 0; k < times; k++) {
      play(new Note(freq, 0.04, SINE), new Note(freq * 1.02, 0.04, SINE), new Note(0, 0.12, SINE));
    }
    return this;
  }

  void sample(double v) {
    short s = (short) Math.max(-32767, Math.min(32767, v * 32767));
    pcm.write(s & 0xff);
    pcm.write((s >> 8) & 0xff);
  }

  byte[] wav() {
    byte[] data = pcm.toByteArray();
    ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
        .putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(data.length).put(data);
    return b.array();
  }

  static Note n(double f, double s, Voice v) { return new Note(f, s, v); }

  static Note slide(double from, double to, double s, Voice v) { return new Note(from, s, v, to); }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "src/main/resources/public/sounds");
    Files.createDirectories(out);
    Map<String, GenerateSounds> sounds = new LinkedHashMap<>();
    sounds.put("56k", new GenerateSounds(1).play(n(1650, 0.25, SINE), n(1850, 0.2, SINE), n(2100, 0.15, SQUARE)).noise(0.5, 1));
    sounds.put("bell", new GenerateSounds(2).play(n(880, 1.2, BELL)));
    sounds.put("bezos", new GenerateSounds(3).play(slide(200, 600, 0.2, SAW), n(600, 0.1, SAW), slide(600, 150, 0.5, SAW)));
    sounds.put("clowntown", new GenerateSounds(4).play(n(523, 0.12, SQUARE), n(659, 0.12, SQUARE), n(784, 0.12, SQUARE),
        n(659, 0.12, SQUARE), n(523, 0.12, SQUARE), slide(392, 260, 0.4, SQUARE)));
    sounds.put("crickets", new GenerateSounds(5).chirps(6, 4200));
    sounds.put("dadgummit", new GenerateSounds(6).play(n(300, 0.12, SAW), n(0, 0.04, SAW), n(300, 0.12, SAW), slide(330, 180, 0.35, SAW)));
    sounds.put("dangerzone", new GenerateSounds(7).play(n(147, 0.2, SAW), n(147, 0.2, SAW), n(220, 0.2, SAW), n(196, 0.4, SAW)));
    sounds.put("deeper", new GenerateSounds(8).play(slide(220, 55, 1.0, SINE)));
    sounds.put("drama", new GenerateSounds(9).play(n(392, 0.25, BRASS), n(370, 0.25, BRASS), n(294, 0.8, BRASS)));
    sounds.put("greatjob", new GenerateSounds(10).play(n(523, 0.15, SINE), n(659, 0.15, SINE), n(784, 0.15, SINE), n(1047, 0.4, SINE)));
    sounds.put("horn", new GenerateSounds(11).play(n(233, 0.35, BRASS), n(0, 0.05, BRASS), n(233, 0.6, BRASS)));
    sounds.put("horror", new GenerateSounds(12).play(slide(900, 1100, 0.3, SAW), slide(1100, 700, 0.3, SAW), slide(700, 1200, 0.4, SAW)));
    sounds.put("inconceivable", new GenerateSounds(13).play(n(440, 0.1, SQUARE), n(554, 0.1, SQUARE), n(659, 0.1, SQUARE), slide(880, 440, 0.5, SQUARE)));
    sounds.put("live", new GenerateSounds(14).play(n(330, 0.15, BRASS), n(392, 0.15, BRASS), n(494, 0.15, BRASS), n(659, 0.5, BRASS)));
    sounds.put("makeitso", new GenerateSounds(15).play(n(196, 0.3, BRASS), n(262, 0.3, BRASS), n(392, 0.7, BRASS)));
    sounds.put("noooo", new GenerateSounds(16).play(slide(330, 110, 1.2, SAW)));
    sounds.put("ohmy", new GenerateSounds(17).play(slide(300, 600, 0.3, SINE), slide(600, 400, 0.5, SINE)));
    sounds.put("ohyeah", new GenerateSounds(18).play(slide(150, 220, 0.3, SAW), n(0, 0.05, SAW), slide(200, 300, 0.5, SAW)));
    sounds.put("pushit", new GenerateSounds(19).noise(0.08, 30).play(n(110, 0.15, SQUARE)).noise(0.08, 30).play(n(110, 0.15, SQUARE)).noise(0.08, 30).play(n(147, 0.3, SQUARE)));
    sounds.put("rimshot", new GenerateSounds(20).noise(0.12, 25).play(n(0, 0.1, SINE)).noise(0.12, 25).play(n(0, 0.12, SINE)).noise(0.6, 6));
    sounds.put("rollout", new GenerateSounds(21).play(slide(80, 160, 0.5, SAW), n(160, 0.3, SAW)));
    sounds.put("rumble", new GenerateSounds(22).noise(1.2, 2));
    sounds.put("sax", new GenerateSounds(23).play(n(349, 0.2, BRASS), n(415, 0.2, BRASS), n(466, 0.2, BRASS), slide(523, 540, 0.6, BRASS)));
    sounds.put("secret", new GenerateSounds(24).play(n(784, 0.15, SINE), n(740, 0.15, SINE), n(622, 0.15, SINE), n(440, 0.15, SINE),
        n(415, 0.15, SINE), n(659, 0.15, SINE), n(831, 0.15, SINE), n(1047, 0.4, SINE)));
    sounds.put("tada", new GenerateSounds(25).play(n(523, 0.12, BRASS), n(784, 0.6, BRASS)));
    sounds.put("tmyk", new GenerateSounds(26).play(n(659, 0.2, BELL), n(784, 0.2, BELL), n(1047, 0.6, BELL)));
    sounds.put("trombone", new GenerateSounds(27).play(n(294, 0.35, BRASS), n(277, 0.35, BRASS), n(262, 0.35, BRASS), slide(247, 235, 1.0, BRASS)));
    sounds.put("unix", new GenerateSounds(28).play(n(1200, 0.06, SQUARE), n(0, 0.04, SQUARE), n(1200, 0.06, SQUARE), n(0, 0.04, SQUARE), n(1600, 0.2, SQUARE)));
    sounds.put("vuvuzela", new GenerateSounds(29).play(n(233, 1.4, SAW)));
    sounds.put("what", new GenerateSounds(30).play(slide(200, 450, 0.45, SAW)));
    sounds.put("whoomp", new GenerateSounds(31).play(slide(400, 60, 0.5, SINE)).noise(0.2, 10));
    sounds.put("yeah", new GenerateSounds(32).play(slide(250, 350, 0.2, SAW), n(350, 0.4, SAW)));
    sounds.put("yodel", new GenerateSounds(33).play(n(392, 0.15, SINE), n(587, 0.15, SINE), n(392, 0.15, SINE), n(587, 0.15, SINE), n(784, 0.4, SINE)));
    sounds.put("ballmer", new GenerateSounds(34).play(n(196, 0.12, SAW), n(0, 0.04, SAW), n(196, 0.12, SAW), n(0, 0.04, SAW), n(196, 0.12, SAW),
        n(0, 0.04, SAW), slide(262, 330, 0.4, SAW)));
    sounds.put("bueller", new GenerateSounds(35).play(n(165, 0.35, SINE), n(0, 0.35, SINE), n(165, 0.35, SINE), n(0, 0.3, SINE)));
    sounds.put("butts", new GenerateSounds(36).play(slide(180, 90, 0.25, SQUARE), n(0, 0.05, SQUARE), slide(160, 70, 0.35, SQUARE)));
    sounds.put("cottoneyejoe", new GenerateSounds(37).play(n(392, 0.1, SAW), n(440, 0.1, SAW), n(494, 0.1, SAW), n(440, 0.1, SAW),
        n(392, 0.1, SAW), n(330, 0.1, SAW), n(392, 0.3, SAW)));
    sounds.put("curb", new GenerateSounds(38).play(n(175, 0.18, BRASS), n(0, 0.06, BRASS), n(175, 0.12, BRASS), n(233, 0.18, BRASS),
        n(220, 0.18, BRASS), n(175, 0.4, BRASS)));
    sounds.put("danielsan", new GenerateSounds(39).play(slide(300, 500, 0.3, SINE), slide(500, 300, 0.3, SINE), n(0, 0.1, SINE)).noise(0.15, 20));
    sounds.put("donotwant", new GenerateSounds(40).play(n(247, 0.2, SAW), n(233, 0.2, SAW), slide(220, 110, 0.6, SAW)));
    sounds.put("flawless", new GenerateSounds(41).play(n(1319, 0.12, BELL), n(1568, 0.12, BELL), n(2093, 0.6, BELL)));
    sounds.put("glados", new GenerateSounds(42).play(n(523, 0.15, SQUARE), n(587, 0.15, SQUARE), n(659, 0.15, SQUARE), n(587, 0.15, SQUARE),
        n(523, 0.4, SQUARE)));
    sounds.put("gogogo", new GenerateSounds(43).play(n(440, 0.12, BRASS), n(0, 0.06, BRASS), n(494, 0.12, BRASS), n(0, 0.06, BRASS),
        n(587, 0.35, BRASS)));
    sounds.put("greyjoy", new GenerateSounds(44).play(n(110, 0.6, BRASS), slide(110, 98, 0.6, BRASS)).noise(0.3, 4));
    sounds.put("guarantee", new GenerateSounds(45).play(n(220, 0.15, SAW), n(277, 0.15, SAW), n(330, 0.5, SAW)));
    sounds.put("heygirl", new GenerateSounds(46).play(slide(300, 240, 0.3, SINE), n(0, 0.08, SINE), slide(260, 350, 0.45, SINE)));
    sounds.put("honk", new GenerateSounds(47).play(n(370, 0.18, SQUARE), n(0, 0.06, SQUARE), n(370, 0.3, SQUARE)));
    sounds.put("letitgo", new GenerateSounds(48).play(n(523, 0.2, SINE), n(587, 0.2, SINE), n(622, 0.2, SINE), n(784, 0.6, SINE)));
    sounds.put("loggins", new GenerateSounds(49).play(n(330, 0.1, SAW), n(330, 0.1, SAW), n(392, 0.1, SAW), n(330, 0.1, SAW),
        n(440, 0.2, SAW), n(392, 0.4, SAW)));
    sounds.put("nyan", new GenerateSounds(50).play(n(740, 0.1, SQUARE), n(831, 0.1, SQUARE), n(554, 0.1, SQUARE), n(587, 0.1, SQUARE),
        n(554, 0.1, SQUARE), n(494, 0.1, SQUARE), n(554, 0.1, SQUARE), n(587, 0.3, SQUARE)));
    sounds.put("sexyback", new GenerateSounds(51).noise(0.06, 30).play(n(98, 0.2, SAW)).noise(0.06, 30).play(n(98, 0.2, SAW), n(117, 0.3, SAW)));
    sounds.put("story", new GenerateSounds(52).play(n(262, 0.3, BELL), n(330, 0.3, BELL), n(392, 0.3, BELL), n(523, 0.7, BELL)));
    sounds.put("totes", new GenerateSounds(53).play(n(587, 0.12, SINE), n(0, 0.04, SINE), n(784, 0.25, SINE)));
    sounds.put("trololo", new GenerateSounds(54).play(n(392, 0.12, SINE), n(349, 0.12, SINE), n(330, 0.12, SINE), n(349, 0.12, SINE),
        n(392, 0.12, SINE), n(440, 0.12, SINE), n(392, 0.35, SINE)));
    sounds.put("wups", new GenerateSounds(55).play(slide(600, 250, 0.35, SINE)));
    sounds.put("yay", new GenerateSounds(56).play(slide(400, 700, 0.25, SAW), n(700, 0.3, SAW)).noise(0.2, 8));
    for (var entry : sounds.entrySet()) Files.write(out.resolve(entry.getKey() + ".wav"), entry.getValue().wav());
    System.out.println("Wrote " + sounds.size() + " sounds to " + out);
  }
}
