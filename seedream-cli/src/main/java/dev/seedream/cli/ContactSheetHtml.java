package dev.seedream.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The page of a contact sheet: one self-contained HTML document (CSS inline, no script, nothing
 * fetched from a network), the images referenced relatively from the page's own directory. Every
 * text is escaped, so what a server sent is shown as text, never read as HTML.
 */
final class ContactSheetHtml {
  private static final String STYLE = String.join("\n",
      "body{font:15px/1.4 system-ui,sans-serif;margin:0;padding:16px 24px;color:#1d1d1f;background:#f6f6f7}",
      "h1{font-size:1.4em;margin:0 0 8px}",
      ".summary{display:flex;flex-wrap:wrap;gap:8px 24px;margin:0 0 8px;padding:0}",
      ".summary div{background:#fff;border:1px solid #d0d0d7;border-radius:6px;padding:6px 12px}",
      ".summary dt{font-size:.8em;color:#55555f}.summary dd{margin:0;font-size:1.3em;font-weight:600}",
      ".note{color:#55555f;margin:0 0 16px}",
      ".sheet{list-style:none;margin:0;padding:0;display:grid;gap:16px;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));align-items:start}",
      ".card{background:#fff;border:1px solid #d0d0d7;border-radius:8px;overflow:hidden}",
      ".card.failed{border-color:#c01c28}.card.unfinished,.card.running,.card.waiting{border-style:dashed}",
      "figure{margin:0}",
      ".thumb{display:block;background:#e8e8ec}",
      ".thumb img{display:block;width:100%;height:auto}",
      ".empty{display:flex;align-items:center;justify-content:center;color:#55555f;font-size:.9em}",
      "a:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}",
      "figcaption{padding:8px 10px}",
      "h3{font-size:1em;margin:0 0 4px}",
      ".status{font-weight:600}.failed .status{color:#c01c28}.succeeded .status{color:#26734d}",
      ".prompt{margin:0 0 6px;overflow-wrap:anywhere}",
      ".facts{display:grid;grid-template-columns:auto 1fr;gap:0 8px;margin:0;font-size:.85em}",
      ".facts dt{color:#55555f}.facts dd{margin:0;overflow-wrap:anywhere}",
      ".error{margin:6px 0 0;color:#8f1520;font-size:.85em;overflow-wrap:anywhere;white-space:pre-wrap}");

  private ContactSheetHtml() {}

  /** What the summary at the top says. */
  record Summary(int succeeded, int failed, int notFinished, long requests, String wallTime, boolean done) {}

  /** The page, with the images' links relative to {@code pageDirectory}. */
  static String render(String title, Summary summary, List<SheetCard> cards, Path pageDirectory) {
    StringBuilder html = new StringBuilder(1024 + cards.size() * 900);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n")
        .append("<header>\n<h1>").append(escape(title)).append("</h1>\n")
        .append("<dl class=\"summary\" aria-label=\"Summary\">\n");
    fact(html, "Succeeded", Integer.toString(summary.succeeded()), "succeeded");
    fact(html, "Failed", Integer.toString(summary.failed()), "failed");
    fact(html, "Not finished", Integer.toString(summary.notFinished()), "not-finished");
    fact(html, "Requests used", Long.toString(summary.requests()), "requests");
    fact(html, "Wall time", summary.wallTime(), "wall-time");
    html.append("</dl>\n<p class=\"note\" id=\"progress\">")
        .append(summary.done() ? "Finished." : "In progress: this page is rewritten as the runs go on; reload it to see more.")
        .append("</p>\n</header>\n<main>\n<h2>Lines</h2>\n<ol class=\"sheet\">\n");
    for (SheetCard card : cards) {
      card(html, card, pageDirectory);
    }
    return html.append("</ol>\n</main>\n</body>\n</html>\n").toString();
  }

  private static void fact(StringBuilder html, String name, String value, String id) {
    html.append("<div><dt>").append(name).append("</dt><dd id=\"").append(id).append("\">").append(escape(value)).append("</dd></div>\n");
  }

  private static void card(StringBuilder html, SheetCard card, Path pageDirectory) {
    String standing = card.standing().name().toLowerCase(java.util.Locale.ROOT);
    String aspect = card.ratio().width() + " / " + card.ratio().height();
    String alt = card.prompt() == null ? "line " + card.line() : card.prompt();
    html.append("<li class=\"card ").append(standing).append("\" id=\"line-").append(card.line()).append("\">\n<figure>\n");
    List<Path> images = card.images();
    for (int i = 0; i < images.size(); i++) {
      String href = escape(href(pageDirectory, images.get(i)));
      html.append("<a class=\"thumb\" href=\"").append(href).append("\" style=\"aspect-ratio: ").append(aspect).append("\">")
          .append("<img src=\"").append(href).append("\" alt=\"")
          .append(escape(images.size() == 1 ? alt : alt + " (image " + (i + 1) + " of " + images.size() + ")"))
          .append("\" width=\"").append(card.ratio().width() * 100).append("\" height=\"").append(card.ratio().height() * 100)
          .append("\"></a>\n");
    }
    if (images.isEmpty()) {
      html.append("<div class=\"thumb empty\" style=\"aspect-ratio: ").append(aspect).append("\">no image</div>\n");
    }
    html.append("<figcaption>\n<h3>Line ").append(card.line()).append(": <span class=\"status\">").append(escape(card.status()))
        .append("</span></h3>\n");
    if (card.prompt() != null) {
      html.append("<p class=\"prompt\">").append(escape(card.prompt())).append("</p>\n");
    }
    html.append("<dl class=\"facts\">");
    html.append("<dt>Ratio</dt><dd>").append(card.ratio().wireValue()).append("</dd>");
    html.append("<dt>Quality</dt><dd>").append(card.quality().wireValue()).append("</dd>");
    html.append("<dt>Run</dt><dd class=\"run\">").append(card.runId() == null ? "-" : escape(card.runId())).append("</dd>");
    html.append("<dt>Elapsed</dt><dd>").append(card.elapsed() == null ? "-" : escape(card.elapsed())).append("</dd>");
    html.append("</dl>\n");
    if (card.error() != null) {
      html.append("<p class=\"error\">").append(escape(card.error())).append("</p>\n");
    }
    html.append("</figcaption>\n</figure>\n</li>\n");
  }

  /** The link from the page's directory to a file: relative, '/'-separated, each segment percent-encoded. */
  static String href(Path pageDirectory, Path file) {
    Path relative = pageDirectory.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    StringBuilder out = new StringBuilder();
    for (Path segment : relative) {
      if (out.length() > 0) {
        out.append('/');
      }
      for (byte b : segment.toString().getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
          out.append(c);
        } else {
          out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
              .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
      }
    }
    return out.toString();
  }

  /** Text as HTML shows it, in content and in quoted attributes. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&': out.append("&amp;"); break;
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '"': out.append("&quot;"); break;
        case '\'': out.append("&#39;"); break;
        default:
          if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
            out.append("&#xFFFD;");
          } else {
            out.append(c);
          }
      }
    }
    return out.toString();
  }
}
