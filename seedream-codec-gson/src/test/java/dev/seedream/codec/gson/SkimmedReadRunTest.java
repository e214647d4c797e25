package dev.seedream.codec.gson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.Run;
import dev.seedream.codec.gson.Skim.Outcome;

/**
 * Every case of {@link ReadRunTest}, read through the skimmer of {@link GsonJsonCodec#runBody}:
 * the same runs and the same exceptions. Each body is fed whole and one byte at a time, which must
 * give the same outcome, failures to the byte.
 */
class SkimmedReadRunTest extends ReadRunTest {
  @Override
  protected Run read(byte[] body) {
    Outcome whole = Outcome.skimmed(() -> Skim.whole(body));
    Outcome bytewise = Outcome.skimmed(() -> Skim.byteByByte(body));
    assertThat(bytewise).as("fed one byte at a time").isEqualTo(whole);
    return whole.get();
  }
}
