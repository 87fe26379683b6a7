package dev.consentry.taxonomy;

/** A purpose of processing such as {@code ai.training.first_party}. */
public final class Purpose extends Term<Purpose> {
    Purpose(String name, int index, Purpose parent) {
        super(name, index, parent);
    }
}
