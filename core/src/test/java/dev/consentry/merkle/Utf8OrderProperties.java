package dev.consentry.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** Utf8Order against the definition: compare the UTF-8 encodings byte by byte, unsigned. */
class Utf8OrderProperties {

    static int byUtf8Bytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Strings of code points from the ranges where UTF-16 and UTF-8 order disagree, and their neighbours. */
    @Provide
    Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0x20, 0x7F)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
                Tuple.of(3, Arbitraries.integers().between(0xE000, 0xFFFF)),
                Tuple.of(3, Arbitraries.integers().between(0x10000, 0x10FFFF)),
                Tuple.of(2, Arbitraries.of(0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF, 0x7F, 0x80)));
        return codePoint.list().ofMaxSize(6).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
    }

    @Property(tries = 3000)
    void orders_strings_as_their_utf8_bytes_compare(@ForAll("strings") String a, @ForAll("strings") String b) {
        assertThat(Integer.signum(Utf8Order.INSTANCE.compare(a, b))).as("'%s' vs '%s'", a, b)
                .isEqualTo(Integer.signum(byUtf8Bytes(a, b)));
    }

    @Property
    void orders_a_string_and_its_extension_as_their_utf8_bytes_compare(@ForAll("strings") String a, @ForAll("strings") String suffix) {
        String b = a + suffix;
        assertThat(Integer.signum(Utf8Order.INSTANCE.compare(a, b))).isEqualTo(Integer.signum(byUtf8Bytes(a, b)));
        assertThat(Integer.signum(Utf8Order.INSTANCE.compare(b, a))).isEqualTo(Integer.signum(byUtf8Bytes(b, a)));
    }

    @Property
    void sorting_with_it_sorts_by_utf8_bytes(@ForAll("lists") List<String> ids) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(Utf8Order.INSTANCE);
        List<String> expected = new ArrayList<>(ids);
        expected.sort(Utf8OrderProperties::byUtf8Bytes);
        assertThat(sorted).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<String>> lists() {
        return strings().list().ofMaxSize(20);
    }

    @Test
    void a_supplementary_character_sorts_after_the_private_use_area_although_its_utf16_surrogate_sorts_before() {
        String emoji = new String(Character.toChars(0x1F600));
        String privateUse = "\uE000";
        assertThat(emoji.compareTo(privateUse)).isNegative();
        assertThat(Utf8Order.INSTANCE.compare(emoji, privateUse)).isPositive();
        assertThat(Utf8Order.INSTANCE.compare("\uFFFF", emoji)).isNegative();
    }
}
