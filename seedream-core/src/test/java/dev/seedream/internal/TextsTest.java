package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {
  @Test
  void terminalEscapesAndControlCharactersAreShownEscaped() {
    String title = "\u001b]0;owned\u0007";
    String clear = "\u001b[2J\u001b[H";

    assertThat(Texts.printable("bad " + title + clear + " end"))
        .isEqualTo("bad \\u001B]0;owned\\u0007\\u001B[2J\\u001B[H end")
        .doesNotContain("\u001b");
  }

  @Test
  void newlinesCannotForgeALogLineAndC1AndDelAreEscapedToo() {
    assertThat(Texts.printable("a\nERROR forged\r\tb")).isEqualTo("a\\nERROR forged\\r\\tb");
    assertThat(Texts.printable("\u009b31m\u007f")).isEqualTo("\\u009B31m\\u007F");
  }

  @Test
  void bidiOverridesZeroWidthCharactersAndLoneSurrogatesAreEscaped() {
    assertThat(Texts.printable("abc\u202edcb\u200b\u2028")).isEqualTo("abc\\u202Edcb\\u200B\\u2028");
    assertThat(Texts.printable("x\ud800y")).isEqualTo("x\\uD800y");
    assertThat(Texts.printable("\udc00")).isEqualTo("\\uDC00");
  }

  @Test
  void printableTextIsKeptAsItIsAndNullStaysNull() {
    String text = "Rate limit exceeded: réessayez, 稍后再试 \uD83D\uDE00";
    assertThat(Texts.printable(text)).isSameAs(text);
    assertThat(Texts.printable(null)).isNull();
  }

  @Test
  void longTextIsCutWithoutSplittingASurrogatePair() {
    String text = "a".repeat(Texts.MAX_PRINTABLE - 1) + "\uD83D\uDE00" + "tail";

    String shown = Texts.printable(text);

    assertThat(shown).isEqualTo("a".repeat(Texts.MAX_PRINTABLE - 1) + "...");
  }
}
