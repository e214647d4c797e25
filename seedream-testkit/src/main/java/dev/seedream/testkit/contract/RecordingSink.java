package dev.seedream.testkit.contract;

import dev.seedream.ImageInfo;
import dev.seedream.ImageSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ImageSink} that keeps what it was given: the images it opened, their bytes, which were closed or failed. */
final class RecordingSink implements ImageSink {
  final List<ImageInfo> opened = java.util.Collections.synchronizedList(new ArrayList<>());
  final List<ImageInfo> closed = java.util.Collections.synchronizedList(new ArrayList<>());
  final List<ImageInfo> failed = java.util.Collections.synchronizedList(new ArrayList<>());
  final Map<Integer, ByteArrayOutputStream> bytes = new ConcurrentHashMap<>();
  final List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());

  @Override
  public OutputStream open(ImageInfo image) {
    opened.add(image);
    threads.add(Thread.currentThread().getName());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bytes.put(image.index(), out);
    return new OutputStream() {
      @Override
      public void write(int b) {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        threads.add(Thread.currentThread().getName());
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        closed.add(image);
      }
    };
  }

  @Override
  public void failed(ImageInfo image, Throwable cause) {
    failed.add(image);
  }

  byte[] bytesOf(int index) {
    return bytes.get(index).toByteArray();
  }
}
