package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Whether an id needs escaping is answered eight bytes at a time; for any bytes, at any offset,
 * the answer is the one a byte at a time gives. Bytes are drawn near every edge of the test: the
 * last control character and the space, the quote and the backslash, DEL, and bytes past ASCII
 * (which a borrow from the byte below must not mark).
 */
class EscapingProperties {
    @Property(tries = 3000)
    void ids_need_escaping_exactly_when_a_byte_of_them_does(@ForAll("bytes") List<Byte> bytes,
            @ForAll @IntRange(max = 40) int from, @ForAll @IntRange(max = 40) int length) {
        byte[] utf8 = new byte[bytes.size()];
        for (int i = 0; i < utf8.length; i++) {
            utf8[i] = bytes.get(i);
        }
        int start = Math.min(from, utf8.length);
        int end = Math.min(utf8.length, start + length);
        assertThat(DecisionJson.needsEscaping(utf8, start, end)).as(HexFormat.of().formatHex(utf8, start, end))
                .isEqualTo(byteAtATime(utf8, start, end));
    }

    @Provide
    Arbitrary<List<Byte>> bytes() {
        Arbitrary<Byte> edge = Arbitraries.of((byte) 0x00, (byte) 0x1F, (byte) 0x20, (byte) '"', (byte) '\\', (byte) 0x21,
                (byte) 0x5B, (byte) 0x5D, (byte) 0x7F, (byte) 0x80, (byte) 0x9F, (byte) 0xA0, (byte) 0xC3, (byte) 0xFF);
        Arbitrary<Byte> plain = Arbitraries.bytes().between((byte) 0x23, (byte) 0x5B);
        return Arbitraries.frequencyOf(Tuple.of(1, edge), Tuple.of(12, plain)).list().ofMaxSize(48);
    }

    private static boolean byteAtATime(byte[] utf8, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = utf8[i];
            if (b >= 0 && (b < 0x20 || b == '"' || b == '\\')) {
                return true;
            }
        }
        return false;
    }
}
