package io.clientele.benchmarks;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a run's {@link Figures} as one PNG (jfreechart): on the left the scaling series, cost per
 * item in microseconds against the item count on a logarithmic axis (a flat line is a cost per
 * item that does not grow with the data); on the right the ratios, ours over each baseline as
 * throughputs, with a line at 1.0 (as fast as the baseline). Runs headless. Stateless.
 */
final class PerformanceChart {

    static final int WIDTH = 1600;
    static final int HEIGHT = 700;

    private PerformanceChart() {
    }

    /** Writes the chart of {@code figures} to {@code file} (its folder is created if missing). */
    static void write(Figures figures, Path file) {
        // no display on a build machine: AWT draws into the image only
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            scaling(figures.series()).draw(g, new Rectangle2D.Double(0, 0, WIDTH / 2.0, HEIGHT));
            ratios(figures.ratios()).draw(g, new Rectangle2D.Double(WIDTH / 2.0, 0, WIDTH / 2.0, HEIGHT));
        } finally {
            g.dispose();
        }
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chart to " + file, e);
        }
    }

    private static JFreeChart scaling(Map<String, List<Figures.Point>> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries line = new XYSeries(name);
            points.forEach(p -> line.add(p.items(), p.microsPerItem()));
            data.addSeries(line);
        });
        JFreeChart chart = ChartFactory.createXYLineChart("Cost per item as the data grows", "items",
                "microseconds per item", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis items = new LogAxis("items (log scale)");
        items.setBase(10);
        items.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setDomainAxis(items);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    private static JFreeChart ratios(Map<String, Double> ratios) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ratios.forEach((label, value) -> data.addValue(value, "ours / baseline", label));
        JFreeChart chart = ChartFactory.createBarChart("Throughput, ours over the baseline", null,
                "ratio (1.0 = as fast as the baseline)", data, PlotOrientation.HORIZONTAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.addRangeMarker(new ValueMarker(1.0));
        // the line at 1.0 stays in sight however far below it the bars end
        double highest = ratios.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
        plot.getRangeAxis().setRange(0.0, Math.max(1.1, highest * 1.15));
        // each bar's value written beside it: next to a ratio of 28, one of 0.7 is a sliver
        CategoryItemRenderer renderer = plot.getRenderer();
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        renderer.setDefaultItemLabelsVisible(true);
        return chart;
    }
}
