package dev.zhuli.core.roster;

import dev.zhuli.core.ValidationException;
import java.util.regex.Pattern;

/**
 * Phone numbers of members: mainland mobile numbers ({@code 13800138000}, optionally with
 * {@code +86}) and landlines with area code ({@code 0913-2345678}); kept as given after removing
 * spaces, and never shown unmasked in messages or logs.
 */
final class Phones {
  private static final Pattern MOBILE = Pattern.compile("(\\+86)?1[3-9][0-9]{9}");
  private static final Pattern LANDLINE = Pattern.compile("0[1-9][0-9]{1,2}-?[0-9]{7,8}");

  private Phones() {}

  static String check(String field, String phone) {
    if (phone == null) {
      return null;
    }
    String compact = phone.replace(" ", "");
    if (!MOBILE.matcher(compact).matches() && !LANDLINE.matcher(compact).matches()) {
      throw new ValidationException(field, "must be a mainland mobile number (11 digits starting"
          + " 13-19, optionally +86) or a landline with area code (0913-2345678); the value is"
          + " not shown");
    }
    return compact;
  }

  static String mask(String phone) {
    int n = phone.length();
    if (n <= 7) {
      return "*".repeat(n);
    }
    return phone.substring(0, n - 8) + "****" + phone.substring(n - 4);
  }
}
