package campfire.sounds;

import static org.assertj.core.api.Assertions.assertThat;

import campfire.support.Fixtures;
import campfire.support.TestServer;
import campfire.support.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class SoundsTest {
  @Test
  void every_one_of_campfires_56_sounds_is_a_short_real_file() throws Exception {
    assertThat(Sounds.all()).extracting(Sound::name).containsExactlyInAnyOrder("56k", "ballmer", "bell", "bezos", "bueller", "butts",
        "clowntown", "cottoneyejoe", "crickets", "curb", "dadgummit", "dangerzone", "danielsan", "deeper", "donotwant", "drama", "flawless",
        "glados", "gogogo", "greatjob", "greyjoy", "guarantee", "heygirl", "honk", "horn", "horror", "inconceivable", "letitgo", "live",
        "loggins", "makeitso", "noooo", "nyan", "ohmy", "ohyeah", "pushit", "rimshot", "rollout", "rumble", "sax", "secret", "sexyback",
        "story", "tada", "tmyk", "totes", "trololo", "trombone", "unix", "vuvuzela", "what", "whoomp", "wups", "yay", "yeah", "yodel");
    for (Sound sound : Sounds.all()) {
      try (InputStream in = SoundsTest.class.getResourceAsStream("/public/sounds/" + sound.name() + ".wav");
           AudioInputStream audio = AudioSystem.getAudioInputStream(new java.io.BufferedInputStream(in))) {
        AudioFormat format = audio.getFormat();
        double seconds = audio.getFrameLength() / format.getFrameRate();
        assertThat(seconds).as(sound.name()).isBetween(0.2, 3.0);
      }
    }
  }

  @Test
  void only_exactly_play_and_a_known_name_is_a_sound() {
    assertThat(Sounds.playedBy("/play trombone")).map(Sound::name).contains("trombone");
    assertThat(Sounds.playedBy("  /play TADA ")).map(Sound::name).contains("tada");
    assertThat(Sounds.playedBy("/play nosuchsound")).isEmpty();
    assertThat(Sounds.playedBy("please /play trombone")).isEmpty();
    assertThat(Sounds.playedBy("/play trombone now")).isEmpty();
    assertThat(Sounds.playedBy(null)).isEmpty();
  }

  @Test
  void a_play_message_is_shown_as_its_sound_for_everyone_and_the_file_is_served() throws IOException, InterruptedException {
    try (TestServer server = TestServer.start()) {
      WebClient alice = Fixtures.admin(server);
      WebClient bob = Fixtures.member(server, "Bob Member", "bob@example.com");
      long allTalk = Fixtures.allTalk(server);
      alice.get("/rooms/" + allTalk);
      Fixtures.say(server, alice, allTalk, "<p>/play trombone</p>");
      Fixtures.say(server, alice, allTalk, "<p>/play nosuchsound</p>");
      String page = bob.get("/rooms/" + allTalk).body();
      String trombone = Sounds.playedBy("/play trombone").orElseThrow().url();
      assertThat(trombone).matches("/assets/sounds/trombone-[0-9a-f]{16}\\.wav");
      assertThat(page).contains("data-sound-url-value=\"" + trombone + "\"", "plays a sad trombone", "/play nosuchsound");
      HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(trombone))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(file.statusCode()).isEqualTo(200);
      assertThat(new String(file.body(), 0, 4)).isEqualTo("RIFF");
    }
  }
}
