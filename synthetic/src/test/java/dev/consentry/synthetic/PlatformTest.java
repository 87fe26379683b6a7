package dev.consentry.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentry.consent.Event;
import dev.consentry.consent.EventIndex;
import dev.consentry.consent.Scope;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.item.Item;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {
    private static final long SEED = 42;
    private static final int ITEMS = 200_000;

    private static Generated platform;

    private record Generated(PlatformSummary summary, List<Item> items, List<Event> events) {}

    private static Generated generate(PlatformSpec spec) {
        List<Item> items = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        PlatformSummary summary = Platform.generate(spec, items::add, events::add);
        return new Generated(summary, items, events);
    }

    @BeforeAll
    static void generateOnce() {
        platform = generate(PlatformSpec.of(SEED, ITEMS));
    }

    @Test
    void theSameSeedGivesTheSameItemsAndEventsInTheSameOrder() {
        Generated again = generate(PlatformSpec.of(SEED, ITEMS));

        assertThat(again.items()).isEqualTo(platform.items());
        assertThat(again.events()).isEqualTo(platform.events());
        assertThat(again.summary()).isEqualTo(platform.summary());
    }

    @Test
    void anotherSeedGivesAnotherPlatform() {
        Generated other = generate(PlatformSpec.of(SEED + 1, ITEMS));

        assertThat(other.items()).isNotEqualTo(platform.items());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 1_000, 12_345})
    void generatesExactlyTheNumberOfItemsAskedFor(int items) {
        Generated small = generate(PlatformSpec.of(SEED, items));

        assertThat(small.items()).hasSize(items);
        assertThat(small.summary().items()).isEqualTo(items);
    }

    @Test
    void itemIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (Item item : platform.items()) {
            assertThat(ids.add(item.id())).as("id %s appears once", item.id()).isTrue();
        }
    }

    @Test
    void everyParentIsEmittedBeforeItsChildExceptTheDeliberateFaults() {
        Set<String> seen = new HashSet<>();
        long unknown = 0;
        for (Item item : platform.items()) {
            for (String parent : item.parents()) {
                if (!seen.contains(parent)) {
                    unknown++;
                    assertThat(item.category().name()).isIn("customer_content.meeting_summary", "customer_content.chat_draft");
                }
            }
            seen.add(item.id());
        }

        assertThat(unknown).isEqualTo(platform.summary().lineageFaults()).isPositive();
        assertThat(unknown).isLessThan(ITEMS / 1_000);
    }

    @Test
    void withoutFaultsEveryParentIsKnown() {
        Generated clean = generate(PlatformSpec.of(SEED, 50_000).withLineageFaultRate(0));
        Set<String> ids = new HashSet<>();
        clean.items().forEach(i -> ids.add(i.id()));

        assertThat(clean.items()).filteredOn(i -> !ids.containsAll(i.parents())).isEmpty();
        assertThat(clean.summary().lineageFaults()).isZero();
    }

    @Test
    void lineageRunsFromAudioThroughTranscriptToSummaryAndFromContentToAggregatedUsage() {
        Map<String, Item> byId = new HashMap<>();
        platform.items().forEach(i -> byId.put(i.id(), i));

        for (Item item : platform.items()) {
            List<String> parentCategories = item.parents().stream().filter(byId::containsKey)
                    .map(p -> byId.get(p).category().name()).toList();
            switch (item.category().name()) {
                case "customer_content.transcript" -> assertThat(parentCategories).containsExactly("customer_content.audio");
                case "customer_content.meeting_summary" ->
                        assertThat(parentCategories).isSubsetOf(List.of("customer_content.transcript"));
                case "customer_content.chat_draft" -> assertThat(parentCategories).isSubsetOf(List.of("customer_content.chat"));
                case "service_generated.usage" -> {
                    assertThat(item.transforms()).extracting(Object::toString).containsExactly("aggregated");
                    assertThat(parentCategories).isNotEmpty().allMatch(c -> c.startsWith("customer_content."));
                }
                default -> assertThat(item.parents()).isEmpty();
            }
        }
    }

    @Test
    void theCategoryMixLooksLikeAMeetingPlatform() {
        Map<String, Long> mix = platform.summary().itemsByCategory();
        List<String> leaves = Taxonomy.defaults().categories().stream().map(Category::name)
                .filter(name -> name.indexOf('.') > 0).toList();

        assertThat(mix.keySet()).containsExactlyInAnyOrderElementsOf(leaves);
        assertThat(share(mix, "customer_content.")).isBetween(0.55, 0.75);
        assertThat(share(mix, "service_generated.")).isBetween(0.25, 0.42);
        assertThat(share(mix, "account_data.")).isBetween(0.005, 0.03);
        assertThat(share(mix, "customer_content.audio")).isBetween(0.10, 0.15);
        assertThat(share(mix, "service_generated.telemetry")).isBetween(0.18, 0.30);
        assertThat(mix.get("customer_content.audio")).isEqualTo(platform.summary().meetings());
    }

    private static double share(Map<String, Long> mix, String prefix) {
        return mix.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum()
                / (double) platform.summary().items();
    }

    @Test
    void itemsSpreadOverJulyAndAugust2023AcrossEveryShippedVersionOfTheTerms() {
        long beforeFirst = countCreated(Instant.MIN, Instant.parse("2023-07-27T00:00:00Z"));
        long underFirst = countCreated(Instant.parse("2023-07-27T00:00:00Z"), Instant.parse("2023-08-07T00:00:00Z"));
        long underSecond = countCreated(Instant.parse("2023-08-07T00:00:00Z"), Instant.parse("2023-08-11T00:00:00Z"));
        long underThird = countCreated(Instant.parse("2023-08-11T00:00:00Z"), Instant.parse("2023-09-02T00:00:00Z"));

        assertThat(beforeFirst + underFirst + underSecond + underThird).isEqualTo(ITEMS);
        assertThat(underSecond).isGreaterThan(ITEMS / 20);
        assertThat(underThird).isGreaterThan(ITEMS / 3);
        assertThat(platform.items()).allSatisfy(i -> assertThat(i.created()).isBefore(Instant.parse("2023-09-02T00:00:00Z")));
    }

    private static long countCreated(Instant from, Instant to) {
        return platform.items().stream().filter(i -> !i.created().isBefore(from) && i.created().isBefore(to)).count();
    }

    @Test
    void everyNoticeIsAnsweredBeforeAnyItemOfItsMeetingIsCreated() {
        Map<String, Instant> firstItem = new HashMap<>();
        for (Item item : platform.items()) {
            item.meeting().ifPresent(m -> firstItem.merge(m, item.created(), (a, b) -> a.isBefore(b) ? a : b));
        }
        long acks = 0;
        for (Event e : platform.events()) {
            if (e instanceof Event.NoticeAck ack && firstItem.containsKey(ack.meeting())) {
                acks++;
                assertThat(ack.at()).isBefore(firstItem.get(ack.meeting()));
            }
        }
        assertThat(acks).isPositive();
    }

    @Test
    void erasuresNameEmittedItemsAndComeAfterTheyWereCreated() {
        Map<String, Item> byId = new HashMap<>();
        platform.items().forEach(i -> byId.put(i.id(), i));
        List<Event.Erasure> erasures = platform.events().stream()
                .filter(Event.Erasure.class::isInstance).map(Event.Erasure.class::cast).toList();

        assertThat(erasures).isNotEmpty().allSatisfy(e -> {
            assertThat(byId).containsKey(e.item());
            assertThat(e.at()).isAfter(byId.get(e.item()).created());
        });
        assertThat(erasures).anySatisfy(e -> assertThat(byId.get(e.item()).category().name()).isEqualTo("customer_content.audio"));
    }

    @Test
    void theHistoryHasEveryKindOfEventAndIndexesAgainstTheCatalog() {
        EventIndex.Builder index = EventIndex.builder(SettingsCatalog.defaults());
        platform.events().forEach(index::add);

        assertThat(index.build().head()).matches("[0-9a-f]{64}");
        assertThat(platform.summary().eventsByType().keySet())
                .containsExactlyInAnyOrder("setting", "membership", "notice_ack", "objection", "erasure");
        List<Event.SettingChange> settings = platform.events().stream()
                .filter(Event.SettingChange.class::isInstance).map(Event.SettingChange.class::cast).toList();
        assertThat(settings).extracting(s -> s.scope().level()).containsOnly(Scope.Level.values());
        assertThat(settings).extracting(Event.SettingChange::locked).contains(true, false);
        assertThat(settings).extracting(Event.SettingChange::value).contains(true, false);
    }

    @Test
    void aVocabularyWithoutTheCategoriesTheGeneratorSpeaksOfIsRejected() {
        Taxonomy tiny = Taxonomy.builder().category("customer_content.audio", java.util.Optional.empty())
                .purpose("ai.training.first_party").build();

        assertThatThrownBy(() -> PlatformSpec.of(SEED, 10).withVocabulary(tiny, SettingsCatalog.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer_content.video");
    }

    @Test
    void aNegativeSizeOrAnImpossibleFaultRateIsRejected() {
        assertThatThrownBy(() -> PlatformSpec.of(SEED, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlatformSpec.of(SEED, 10).withLineageFaultRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlatformSpec.of(SEED, 10).withLineageFaultRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
