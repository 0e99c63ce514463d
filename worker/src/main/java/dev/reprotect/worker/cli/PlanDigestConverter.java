package dev.reprotect.worker.cli;

import dev.reprotect.activities.PlanDigest;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The digest `plan` printed, or a prefix of it long enough to tell plans apart. */
final class PlanDigestConverter implements ITypeConverter<String> {
  @Override
  public String convert(String value) {
    if (!PlanDigest.isWellFormed(value)) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a plan digest: the hex digest "
              + "`plan` printed, or its first "
              + PlanDigest.MIN_PREFIX
              + " characters or more");
    }
    return value.toLowerCase(Locale.ROOT);
  }
}
