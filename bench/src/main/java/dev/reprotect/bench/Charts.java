package dev.reprotect.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts of bench/RESULTS.md: one line per series, points marked. */
final class Charts {
  /** Where the runs write their charts, beside RESULTS.md. */
  static final Path DIRECTORY = Path.of("bench", "charts");

  /** One line: its x and y values, in order. */
  record Series(List<Double> x, List<Double> y) {}

  private Charts() {}

  static Path line(
      String file,
      String title,
      String xTitle,
      String yTitle,
      boolean logX,
      Map<String, Series> series) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setYAxisMin(0.0);
    series.forEach(
        (name, line) -> chart.addSeries(name, line.x(), line.y()).setMarker(SeriesMarkers.CIRCLE));
    try {
      Files.createDirectories(DIRECTORY);
      Path png = DIRECTORY.resolve(file);
      BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
