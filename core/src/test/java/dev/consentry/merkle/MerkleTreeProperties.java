package dev.consentry.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentry.testing.Rfc6962;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The streaming Merkle tree against RFC 6962 §2.1 evaluated recursively, as the RFC writes it ({@link Rfc6962}). */
class MerkleTreeProperties {

    @Test
    void the_root_equals_the_recursive_definition_for_every_size_from_0_to_300() {
        Random random = new Random(6962);
        List<byte[]> leaves = new ArrayList<>();
        for (int size = 0; size <= 300; size++) {
            MerkleTree tree = new MerkleTree();
            leaves.forEach(tree::add);
            MerkleRoot root = tree.root();
            assertThat(root.size()).isEqualTo(size);
            assertThat(root.algorithm()).isEqualTo("rfc6962-sha256");
            assertThat(root.root()).as("size %d", size).isEqualTo(Rfc6962.rootHex(leaves));
            byte[] next = new byte[random.nextInt(12)];
            random.nextBytes(next);
            leaves.add(next);
        }
    }

    @Property
    void the_root_of_any_leaves_equals_the_recursive_definition(@ForAll @Size(max = 70) List<@Size(max = 8) List<Byte>> raw) {
        List<byte[]> leaves = raw.stream().map(MerkleTreeProperties::bytes).toList();
        MerkleTree tree = new MerkleTree();
        leaves.forEach(tree::add);
        assertThat(tree.root().root()).isEqualTo(Rfc6962.rootHex(leaves));
    }

    @Property
    void perfect_subtrees_added_by_their_roots_give_the_root_of_their_leaves(@ForAll @Size(max = 70) List<@Size(max = 8) List<Byte>> raw,
            @ForAll @IntRange(min = 0, max = 4) int log) {
        List<byte[]> leaves = raw.stream().map(MerkleTreeProperties::bytes).toList();
        int chunk = 1 << log;
        MerkleTree tree = new MerkleTree();
        int whole = leaves.size() / chunk * chunk;
        for (int from = 0; from < whole; from += chunk) {
            MerkleTree subtree = new MerkleTree();
            leaves.subList(from, from + chunk).forEach(subtree::add);
            tree.addSubtree(HexFormat.of().parseHex(subtree.root().root()), chunk);
        }
        leaves.subList(whole, leaves.size()).forEach(tree::add);
        assertThat(tree.root().root()).isEqualTo(Rfc6962.rootHex(leaves));
    }

    @Test
    void a_subtree_that_does_not_line_up_with_the_leaves_so_far_is_refused() {
        MerkleTree tree = new MerkleTree().add(new byte[] {1});
        assertThatThrownBy(() -> tree.addSubtree(new byte[32], 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MerkleTree().addSubtree(new byte[32], 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_empty_tree_and_the_empty_leaf_have_the_rfc_6962_hashes() {
        assertThat(new MerkleTree().root().root()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(new MerkleTree().add(new byte[0]).root().root())
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void reading_the_root_does_not_disturb_a_tree_that_keeps_growing() {
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] leaf = ("id-" + i).getBytes(StandardCharsets.UTF_8);
            tree.add(leaf);
            leaves.add(leaf);
            assertThat(tree.root().root()).as("after %d leaves", i + 1).isEqualTo(Rfc6962.rootHex(leaves));
        }
    }

    private static byte[] bytes(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
