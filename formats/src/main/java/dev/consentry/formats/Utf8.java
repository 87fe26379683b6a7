package dev.consentry.formats;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The check that input text is well-formed UTF-8. JSON and YAML parsers decode leniently: an
 * overlong form such as {@code C0 AF} read as {@code /} would let two spellings of one id, or
 * of one account, differ in the file's hash and agree in the gate. The JDK's decoder refuses
 * overlong forms, encoded surrogates and anything past U+10FFFF.
 */
final class Utf8 {
    private Utf8() {}

    /** The index of the first byte of {@code bytes[from .. to)} that does not begin well-formed UTF-8; -1 if all do. */
    static int firstMalformed(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && bytes[i] >= 0) {
            i++;
        }
        if (i == to) {
            return -1;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, i, to - i);
        return decode(in).isError() ? in.position() : -1;
    }

    /** Describes the malformed bytes at {@code at}, as {@link #firstMalformed} found them, for an error message. */
    static String describe(byte[] bytes, int at, int to) {
        int length = decode(ByteBuffer.wrap(bytes, at, to - at)).length();
        StringBuilder hex = new StringBuilder();
        for (int i = at; i < at + length; i++) {
            hex.append(i == at ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
        }
        return "not UTF-8: " + (length == 1 ? "the byte " + hex + " does not" : "the bytes " + hex + " do not")
                + " begin a well-formed UTF-8 character";
    }

    /** Decodes until the input ends or is malformed, the result saying which. */
    private static CoderResult decode(ByteBuffer in) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(Math.min(in.remaining(), 4096) + 2);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (!result.isOverflow()) {
                return result;
            }
            out.clear();
        }
    }
}
