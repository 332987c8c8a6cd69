// Draws the Prontivus icon: java assets/IconGenerator.java assets/prontivus-icon.png:512 jpackage/Prontivus.png:256
import java.awt.*; import java.awt.geom.*; import java.awt.image.BufferedImage; import javax.imageio.ImageIO; import java.io.File;
public class IconGenerator { public static void main(String[] a) throws Exception {
  for (String spec : a) { String[] p = spec.split(":"); int s = Integer.parseInt(p[1]);
    BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB); Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(0x0E7C86), s, s, new Color(0x0A4F6E)));
    g.fill(new RoundRectangle2D.Double(s*0.04, s*0.04, s*0.92, s*0.92, s*0.25, s*0.25));
    g.setColor(Color.WHITE); double t = s*0.16, c = s/2.0, l = s*0.52;
    g.fill(new RoundRectangle2D.Double(c - t/2, c - l/2, t, l, t*0.4, t*0.4));
    g.fill(new RoundRectangle2D.Double(c - l/2, c - t/2, l, t, t*0.4, t*0.4));
    g.dispose(); ImageIO.write(img, "png", new File(p[0])); } } }
