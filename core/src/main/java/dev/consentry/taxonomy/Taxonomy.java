package dev.consentry.taxonomy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The two trees of dotted names (data categories and purposes) and the known transforms. Parents
 * are implied by the names: declaring {@code customer_content.audio} declares
 * {@code customer_content} too.
 */
public final class Taxonomy {
    private static final Pattern TRANSFORM = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * How many levels deep a category or purpose may be. A term brings each of its ancestors in by
     * name, so without a bound one name of n segments would hold n names of up to its length.
     */
    public static final int MAX_DEPTH = 64;

    /** The transforms a taxonomy has when it names none. */
    public static final List<String> DEFAULT_TRANSFORMS = List.of("pseudonymized", "aggregated", "anonymized");

    private final List<Category> categories;
    private final Map<String, Category> categoriesByName;
    private final List<Purpose> purposes;
    private final Map<String, Purpose> purposesByName;
    private final List<Transform> transforms;
    private final Map<String, Transform> transformsByName;

    private Taxonomy(Map<String, Category> categories, Map<String, Purpose> purposes, Map<String, Transform> transforms) {
        this.categoriesByName = Collections.unmodifiableMap(categories);
        this.categories = List.copyOf(categories.values());
        this.purposesByName = Collections.unmodifiableMap(purposes);
        this.purposes = List.copyOf(purposes.values());
        this.transformsByName = Collections.unmodifiableMap(transforms);
        this.transforms = List.copyOf(transforms.values());
    }

    /**
     * True for a well-formed dotted name: segments of a lowercase letter then lowercase letters,
     * digits and underscores. Checked a character at a time: {@code java.util.regex} recurses once
     * per repetition of a group, and a name of 1,500 segments overflowed the stack (measured).
     */
    public static boolean isValidName(String name) {
        boolean segmentStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean valid = segmentStart ? c >= 'a' && c <= 'z'
                    : c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.';
            if (!valid) {
                return false;
            }
            segmentStart = c == '.';
        }
        return !name.isEmpty() && !segmentStart;
    }

    public static boolean isValidTransformName(String name) {
        return TRANSFORM.matcher(name).matches();
    }

    public Optional<Category> category(String name) {
        return Optional.ofNullable(categoriesByName.get(name));
    }

    public Optional<Purpose> purpose(String name) {
        return Optional.ofNullable(purposesByName.get(name));
    }

    public Optional<Transform> transform(String name) {
        return Optional.ofNullable(transformsByName.get(name));
    }

    /** Every category, parents before children, in index order. */
    public List<Category> categories() {
        return categories;
    }

    /** Every purpose, parents before children, in index order. */
    public List<Purpose> purposes() {
        return purposes;
    }

    public List<Transform> transforms() {
        return transforms;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The built-in taxonomy of SPEC.md, with each category's fideslang equivalent. */
    public static Taxonomy defaults() {
        return DefaultTaxonomy.INSTANCE;
    }

    public static final class Builder {
        /** Category names in declaration order, implied parents first, with their fideslang names. */
        private final Map<String, Optional<String>> categories = new LinkedHashMap<>();
        /** In the order first named, ancestors before descendants. */
        private final Set<String> purposes = new LinkedHashSet<>();
        private final List<String> transforms = new ArrayList<>(DEFAULT_TRANSFORMS);

        private Builder() {}

        /** Adds a category and its implied ancestors; a repeated name may only add a fideslang equivalent. */
        public Builder category(String name, Optional<String> fideslang) {
            requireValid(name, "category");
            requireNonNull(fideslang, "fideslang is null");
            for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                categories.putIfAbsent(name.substring(0, dot), Optional.empty());
            }
            Optional<String> known = categories.get(name);
            if (known != null && known.isPresent() && fideslang.isPresent() && !known.equals(fideslang)) {
                throw new IllegalArgumentException("category " + name + " already maps to " + known.get());
            }
            if (known == null || known.isEmpty()) {
                categories.put(name, fideslang);
            }
            return this;
        }

        public Builder purpose(String name) {
            requireValid(name, "purpose");
            for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                purposes.add(name.substring(0, dot));
            }
            purposes.add(name);
            return this;
        }

        /** Names the transforms; without a call the {@link #DEFAULT_TRANSFORMS} apply. */
        public Builder transforms(List<String> names) {
            for (String name : names) {
                if (!isValidTransformName(name)) {
                    throw new IllegalArgumentException("bad transform name '" + name + "'");
                }
            }
            if (names.stream().distinct().count() != names.size()) {
                throw new IllegalArgumentException("a transform is named twice in " + names);
            }
            transforms.clear();
            transforms.addAll(names);
            return this;
        }

        public Taxonomy build() {
            Map<String, Category> builtCategories = new LinkedHashMap<>();
            categories.forEach((name, fideslang) -> builtCategories.put(name,
                    new Category(name, builtCategories.size(), builtCategories.get(parentName(name)), fideslang)));
            Map<String, Purpose> builtPurposes = new LinkedHashMap<>();
            purposes.forEach(name -> builtPurposes.put(name,
                    new Purpose(name, builtPurposes.size(), builtPurposes.get(parentName(name)))));
            Map<String, Transform> builtTransforms = new LinkedHashMap<>();
            transforms.forEach(name -> builtTransforms.put(name, new Transform(name, builtTransforms.size())));
            return new Taxonomy(builtCategories, builtPurposes, builtTransforms);
        }

        private static String parentName(String name) {
            int dot = name.lastIndexOf('.');
            return dot > 0 ? name.substring(0, dot) : null;
        }

        private static void requireValid(String name, String term) {
            if (!isValidName(requireNonNull(name, "name is null"))) {
                throw new IllegalArgumentException("bad name '" + name + "'");
            }
            int levels = (int) name.chars().filter(c -> c == '.').count() + 1;
            if (levels > MAX_DEPTH) {
                throw new IllegalArgumentException("a " + term + " is at most " + MAX_DEPTH + " levels deep; '"
                        + name.substring(0, 40) + "…' is " + levels);
            }
        }
    }
}
