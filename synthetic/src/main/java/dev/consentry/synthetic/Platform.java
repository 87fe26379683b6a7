package dev.consentry.synthetic;

import static java.util.Objects.requireNonNull;

import dev.consentry.consent.Event;
import dev.consentry.item.Item;
import dev.consentry.taxonomy.Category;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A deterministic, streaming generator of a realistic communications platform in July and
 * August 2023: accounts with groups and users, their AI settings histories, meetings with
 * participants, notices, acknowledgements and objections, every category of item with its
 * lineage, erasures, and a few deliberate lineage faults.
 *
 * <p>Design: the platform is generated account by account, each from its own
 * {@link SplittableRandom} split off the seed's in account order, so the output is a function of
 * the spec alone and an account's data does not depend on how the others were drawn. Within an
 * account, everything that is planned ahead (users, groups, memberships, the settings history) is
 * emitted first; then days run in order, meetings within a day in order of start, and each
 * meeting's items are emitted parents first. Nothing is held beyond one account's users and
 * settings and one day's sample of content ids for that day's usage statistics, so memory does not
 * grow with the number of items: generating 100 million items holds what generating 1,000 does,
 * plus the largest account. Account sizes are heavy-tailed around a mean of one fortieth of the
 * items asked for (at least 300, at most 50,000), so a small platform still has several accounts
 * and a large one has thousands. Generation stops at exactly the number of items asked for.
 *
 * <p>Coherence: whether a meeting had AI processing (and therefore a summary and an in-meeting
 * notice) is decided by asking the account's own settings history, through the same
 * {@link dev.consentry.consent.EventIndex} the gate decides with, whether the host had the meeting
 * summary feature on when the meeting started. A summary therefore exists only where the feature was
 * on, and a notice was shown only where AI was processing.
 */
public final class Platform {
    private Platform() {}

    /** Generates {@code spec.items()} items into {@code items} and their history into {@code events}. */
    public static PlatformSummary generate(PlatformSpec spec, Consumer<Item> items, Consumer<Event> events) {
        requireNonNull(spec, "spec is null");
        Vocabulary vocabulary = Vocabulary.of(spec.taxonomy(), spec.catalog());
        Sink sink = new Sink(requireNonNull(items, "items is null"), requireNonNull(events, "events is null"),
                spec.items(), spec.taxonomy().categories().size());
        Ids ids = new Ids();
        Draw seed = new Draw(new SplittableRandom(spec.seed()));
        long meanAccountItems = Math.max(300, Math.min(50_000, spec.items() / 40));
        int accounts = 0;
        while (!sink.full()) {
            new AccountGenerator(accounts++, seed.split(), vocabulary, spec, sink, ids, meanAccountItems).run();
        }
        TreeMap<String, Long> byCategory = new TreeMap<>();
        for (Category c : spec.taxonomy().categories()) {
            long n = sink.itemsOf(c.index());
            if (n > 0) {
                byCategory.put(c.name(), n);
            }
        }
        return new PlatformSummary(accounts, ids.users(), ids.guests(), ids.meetings(), sink.items(), sink.events(),
                byCategory, sink.eventsByType(), sink.lineageFaults());
    }
}
