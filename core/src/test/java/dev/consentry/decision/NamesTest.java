package dev.consentry.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void threadsNumberingTheSameNamesAtOnceGiveEachNameOneNumberAndTheNumbersAreDense() throws Exception {
        List<String> pool = IntStream.range(0, 50_000).mapToObj(i -> "user." + i).toList();
        Names names = new Names();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Map<String, Integer>>> seen = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<String> order = new ArrayList<>(pool);
                Collections.shuffle(order, new Random(t));
                seen.add(threads.submit(() -> {
                    Map<String, Integer> ids = new HashMap<>();
                    for (String name : order) {
                        // A copy, as a reader makes one per mention: equal names, not the same string.
                        ids.put(name, names.id(new String(name)));
                    }
                    return ids;
                }));
            }
            Map<String, Integer> first = seen.get(0).get();
            for (Future<Map<String, Integer>> other : seen) {
                assertThat(other.get()).isEqualTo(first);
            }
            assertThat(names.size()).isEqualTo(pool.size());
            assertThat(first.values()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, pool.size()).boxed().toList());
            first.forEach((name, id) -> assertThat(names.name(id)).isEqualTo(name));
        } finally {
            threads.shutdownNow();
        }
    }
}
