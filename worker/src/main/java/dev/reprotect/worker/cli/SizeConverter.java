package dev.reprotect.worker.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes such as 512MiB, 2GiB or 1TiB (binary units; KB, MB, GB read the same way). */
final class SizeConverter implements ITypeConverter<Long> {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(B|K|KB|KIB|M|MB|MIB|G|GB|GIB|T|TB|TIB)?");

  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' is not a size such as 512MiB or 2GiB");
    }
    long number = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    int shift =
        switch (unit.charAt(0)) {
          case 'K' -> 10;
          case 'M' -> 20;
          case 'G' -> 30;
          case 'T' -> 40;
          default -> 0;
        };
    if (Long.numberOfLeadingZeros(number) <= shift) {
      throw new TypeConversionException("'" + value + "' is too large");
    }
    return number << shift;
  }
}
