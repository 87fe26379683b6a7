package dev.consentry.merkle;

import java.util.Comparator;

/**
 * Orders strings as their UTF-8 encodings compare byte by byte, without encoding them.
 *
 * <p>UTF-8 byte order is code point order. Java strings compare by UTF-16 code unit, which agrees
 * with code point order except that surrogates (U+D800..U+DFFF, which encode code points above
 * U+FFFF) sort below U+E000..U+FFFF. Shifting surrogates up by 0x2000 and U+E000..U+FFFF down by
 * 0x800 at the first differing unit restores code point order.
 */
public final class Utf8Order implements Comparator<String> {
    public static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {}

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return codePointRank(x) - codePointRank(y);
            }
        }
        return a.length() - b.length();
    }

    private static int codePointRank(char c) {
        if (c >= 0xD800 && c <= 0xDFFF) {
            return c + 0x2000;
        }
        return c >= 0xE000 ? c - 0x800 : c;
    }
}
