package dev.consentry.taxonomy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two trees of dotted names (data categories and purposes) and the known transforms. Parents
 * are implied by the names: declaring {@code customer_content.audio} declares
 * {@code customer_content} too.
 */
public final class Taxonomy {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    private static final Pattern TRANSFORM = Pattern.compile("[a-z][a-z0-9_]*");

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

    /** True for a well-formed dotted name: lowercase segments of letters, digits and underscores. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
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
        private final List<String> purposes = new ArrayList<>();
        private final List<String> transforms = new ArrayList<>(DEFAULT_TRANSFORMS);

        private Builder() {}

        /** Adds a category and its implied ancestors; a repeated name may only add a fideslang equivalent. */
        public Builder category(String name, Optional<String> fideslang) {
            requireValid(name);
            requireNonNull(fideslang, "fideslang is null");
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                category(name.substring(0, dot), Optional.empty());
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
            requireValid(name);
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                purpose(name.substring(0, dot));
            }
            if (!purposes.contains(name)) {
                purposes.add(name);
            }
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

        private static void requireValid(String name) {
            if (!isValidName(requireNonNull(name, "name is null"))) {
                throw new IllegalArgumentException("bad name '" + name + "'");
            }
        }
    }
}
