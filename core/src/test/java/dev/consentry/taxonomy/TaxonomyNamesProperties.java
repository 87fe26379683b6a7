package dev.consentry.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Dotted names are checked a character at a time (Taxonomy says why); they must be the names the
 * grammar's regular expression describes, and a name of any length must be checked without
 * overflowing the stack.
 */
class TaxonomyNamesProperties {
    private static final Pattern GRAMMAR = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab9_.Z-é ").ofMaxLength(12);
    }

    @Property(tries = 2000)
    void a_name_is_valid_exactly_when_the_grammar_matches_it(@ForAll("names") String name) {
        assertThat(Taxonomy.isValidName(name)).isEqualTo(GRAMMAR.matcher(name).matches());
    }

    @Example
    void a_category_or_purpose_may_be_sixty_four_levels_deep_with_its_ancestors_in_order() {
        String name = "a" + ".a".repeat(Taxonomy.MAX_DEPTH - 1);
        Taxonomy taxonomy = Taxonomy.builder().category(name, Optional.empty()).purpose(name).build();
        assertThat(taxonomy.categories()).hasSize(Taxonomy.MAX_DEPTH);
        assertThat(taxonomy.categories().get(0).name()).isEqualTo("a");
        assertThat(taxonomy.category(name)).hasValueSatisfying(c -> assertThat(c.depth()).isEqualTo(Taxonomy.MAX_DEPTH - 1));
        assertThat(taxonomy.purposes()).hasSize(Taxonomy.MAX_DEPTH);
        assertThat(taxonomy.purposes().get(1).name()).isEqualTo("a.a");
    }

    @Example
    void a_name_a_hundred_thousand_levels_deep_is_refused_without_overflowing_the_stack() {
        String name = "a" + ".a".repeat(99_999);
        assertThat(Taxonomy.isValidName(name)).isTrue();
        assertThatThrownBy(() -> Taxonomy.builder().category(name, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 64 levels deep")
                .hasMessageContaining("is 100000");
        assertThatThrownBy(() -> Taxonomy.builder().purpose(name)).isInstanceOf(IllegalArgumentException.class);
    }
}
