package dev.consentry.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyHashTest {
    /** The 4,096 strings of twelve "Aa" or "BB" pairs, which all have one Java string hash. */
    private static Set<String> javaHashCollisions() {
        Set<String> keys = new HashSet<>();
        for (int bits = 0; bits < 1 << 12; bits++) {
            StringBuilder key = new StringBuilder("m/");
            for (int pair = 0; pair < 12; pair++) {
                key.append((bits >> pair & 1) == 0 ? "Aa" : "BB");
            }
            keys.add(key.toString());
        }
        return keys;
    }

    @Test
    void keys_that_share_a_java_string_hash_spread_over_the_table() {
        Set<String> keys = javaHashCollisions();
        assertThat(keys.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
        assertThat(keys.stream().mapToInt(KeyHash::of).distinct().count()).isGreaterThan(4_000);
        assertThat(keys.stream().mapToInt(k -> {
            byte[] bytes = k.getBytes(StandardCharsets.UTF_8);
            return KeyHash.of(bytes, 0, bytes.length);
        }).distinct().count()).isGreaterThan(4_000);
    }

    @Test
    void a_key_hashes_alike_wherever_its_bytes_sit() {
        byte[] padded = "..m162195/screen-share/1..".getBytes(StandardCharsets.UTF_8);
        byte[] alone = "m162195/screen-share/1".getBytes(StandardCharsets.UTF_8);
        assertThat(KeyHash.of(padded, 2, padded.length - 2)).isEqualTo(KeyHash.of(alone, 0, alone.length));
        assertThat(KeyHash.of(alone, 0, 0)).isNotEqualTo(KeyHash.of(new byte[] {0}, 0, 1));
    }
}
