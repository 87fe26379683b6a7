package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.BAD_ARGUMENT;
import static dev.consentry.error.ErrorCode.BAD_VALUE;
import static dev.consentry.error.ErrorCode.FILE_NOT_READABLE;
import static dev.consentry.error.ErrorCode.POLICY_CONFLICT;
import static dev.consentry.error.ErrorCode.UNKNOWN_CATEGORY;
import static dev.consentry.error.ErrorCode.UNKNOWN_NOTICE;
import static dev.consentry.error.ErrorCode.UNKNOWN_PURPOSE;
import static dev.consentry.error.ErrorCode.UNKNOWN_SETTING;
import static dev.consentry.error.ErrorCode.UNKNOWN_TRANSFORM;
import static java.util.Objects.requireNonNull;

import dev.consentry.consent.SettingsCatalog;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import dev.consentry.policy.Declassification;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.policy.PolicyHistory;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.taxonomy.Taxonomy;
import dev.consentry.taxonomy.Transform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a policy directory: one YAML file per version of one family, and optionally
 * {@code taxonomy.yaml} and {@code settings.yaml}, which replace the built-in defaults for that
 * directory. Every problem is reported with its file, line, column and field; nothing is guessed.
 */
public final class PolicyReader {
    public static final String TAXONOMY_FILE = "taxonomy.yaml";
    public static final String SETTINGS_FILE = "settings.yaml";

    private static final Set<String> POLICY_KEYS = Set.of("policy", "version", "effective", "default", "rules", "declassify");
    private static final Set<String> RULE_KEYS = Set.of("id", "effect", "categories", "purposes", "requires", "text");
    private static final Set<String> DECLASSIFY_KEYS = Set.of("id", "from", "transform", "text");

    private PolicyReader() {}

    /** Reads every file of the directory into a bundle. */
    public static PolicyBundle read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConsentryException(FILE_NOT_READABLE, SourceLocation.file(dir.toString()), "not a policy directory");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ConsentryException(FILE_NOT_READABLE, Optional.of(SourceLocation.file(dir.toString())),
                    "cannot list: " + e.getMessage(), e);
        }
        MessageDigest digest = Hashing.sha256();
        Map<Path, byte[]> contents = new HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                byte[] bytes = readAll(file);
                contents.put(file, bytes);
                byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(4).putInt(nameBytes.length).array());
                digest.update(nameBytes);
                digest.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
                digest.update(bytes);
            }
        }
        Path taxonomyFile = dir.resolve(TAXONOMY_FILE);
        Path settingsFile = dir.resolve(SETTINGS_FILE);
        Taxonomy taxonomy = contents.containsKey(taxonomyFile)
                ? TaxonomyReader.taxonomy(NodeReader.readYaml(taxonomyFile.toString(), contents.get(taxonomyFile)))
                : Taxonomy.defaults();
        SettingsCatalog catalog = contents.containsKey(settingsFile)
                ? TaxonomyReader.catalog(NodeReader.readYaml(settingsFile.toString(), contents.get(settingsFile)))
                : SettingsCatalog.defaults();
        List<PolicyVersion> versions = new ArrayList<>();
        // By identity: two byte-for-byte copies of one file are equal records, and must still both be seen.
        Map<PolicyVersion, Path> sources = new IdentityHashMap<>();
        Map<PolicyVersion, Parsed> parsed = new IdentityHashMap<>();
        for (Path file : files) {
            if (!contents.containsKey(file) || file.equals(taxonomyFile) || file.equals(settingsFile)) {
                continue;
            }
            Parsed p = parse(file.toString(), contents.get(file), taxonomy, catalog);
            versions.add(p.version());
            sources.put(p.version(), file);
            parsed.put(p.version(), p);
        }
        if (versions.isEmpty()) {
            throw new ConsentryException(FILE_NOT_READABLE, SourceLocation.file(dir.toString()),
                    "no policy version files (*.yaml besides taxonomy.yaml and settings.yaml)");
        }
        String family = versions.get(0).family();
        // A version conflicts with another of its family that takes effect at the same time, or
        // has the same version, in a file that sorts before its own; the first version in file
        // order with a conflict is reported, against the first such other. Versions are grouped
        // by time and by version, so that thousands of files are not compared pairwise.
        Map<Instant, List<Integer>> byEffective = new HashMap<>();
        Map<String, List<Integer>> byVersion = new HashMap<>();
        for (int i = 0; i < versions.size(); i++) {
            byEffective.computeIfAbsent(versions.get(i).effective(), t -> new ArrayList<>()).add(i);
            byVersion.computeIfAbsent(versions.get(i).version(), t -> new ArrayList<>()).add(i);
        }
        for (int i = 0; i < versions.size(); i++) {
            PolicyVersion v = versions.get(i);
            if (versions.size() > 1 && !v.family().equals(family)) {
                throw new ConsentryException(POLICY_CONFLICT, parsed.get(v).familyAt(),
                        "family '" + v.family() + "' differs from '" + family + "' in " + sources.get(versions.get(0)));
            }
            int other = Math.min(firstEarlierFile(versions, sources, byEffective.get(v.effective()), i),
                    firstEarlierFile(versions, sources, byVersion.get(v.version()), i));
            if (other < versions.size()) {
                PolicyVersion w = versions.get(other);
                if (v.effective().equals(w.effective())) {
                    throw new ConsentryException(POLICY_CONFLICT, parsed.get(v).effectiveAt(),
                            "takes effect at " + v.effective() + ", as does " + sources.get(w));
                }
                throw new ConsentryException(POLICY_CONFLICT, parsed.get(v).versionAt(),
                        "version '" + v.version() + "' is also defined in " + sources.get(w));
            }
        }
        return new PolicyBundle(taxonomy, catalog, new PolicyHistory(family, versions), Hashing.hex(digest.digest()));
    }

    /** The first of {@code group} (indexes in file order) whose file sorts before version {@code i}'s; the count of versions if none. */
    private static int firstEarlierFile(List<PolicyVersion> versions, Map<PolicyVersion, Path> sources, List<Integer> group, int i) {
        for (int j : group) {
            if (j != i && sources.get(versions.get(i)).compareTo(sources.get(versions.get(j))) > 0) {
                return j;
            }
        }
        return versions.size();
    }

    /** Reads one policy version file against a taxonomy and catalog. */
    public static PolicyVersion version(String file, byte[] content, Taxonomy taxonomy, SettingsCatalog catalog) {
        return parse(file, content, taxonomy, catalog).version();
    }

    /** A version and where its family, version and effective time were written, to name them in conflicts. */
    private record Parsed(PolicyVersion version, SourceLocation familyAt, SourceLocation versionAt, SourceLocation effectiveAt) {}

    private static Parsed parse(String file, byte[] content, Taxonomy taxonomy, SettingsCatalog catalog) {
        Node root = NodeReader.readYaml(file, content).onlyKeys(POLICY_KEYS);
        Node familyNode = root.required("policy");
        String family = familyNode.text();
        Node versionNode = root.required("version");
        String version = versionNode.scalarText();
        Node effectiveNode = root.required("effective");
        Instant effective = Timestamps.parse(effectiveNode);
        Effect defaultEffect = effect(root.required("default"));
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node r : root.optional("rules").map(Node::elements).orElse(List.of())) {
            r.onlyKeys(RULE_KEYS);
            Node idNode = r.required("id");
            String id = uniqueId(idNode, ids);
            Effect effect = effect(r.required("effect"));
            List<Category> categories = nonEmpty(r.required("categories")).stream().map(c -> category(c, taxonomy)).toList();
            List<Purpose> purposes = nonEmpty(r.required("purposes")).stream().map(p -> purpose(p, taxonomy)).toList();
            Optional<Node> requiresNode = r.optional("requires");
            List<Requirement> requires = requiresNode.map(Node::elements).orElse(List.of()).stream()
                    .map(q -> requirement(q, taxonomy, catalog)).toList();
            if (effect == Effect.DENY && requiresNode.isPresent()) {
                throw requiresNode.get().error(BAD_VALUE, "a deny rule cannot have requirements: a prohibition is unconditional");
            }
            rules.add(new Rule(id, effect, categories, purposes, requires, r.optional("text").map(Node::text)));
        }
        List<Declassification> declassify = new ArrayList<>();
        for (Node d : root.optional("declassify").map(Node::elements).orElse(List.of())) {
            d.onlyKeys(DECLASSIFY_KEYS);
            String id = uniqueId(d.required("id"), ids);
            List<Category> from = nonEmpty(d.required("from")).stream().map(c -> category(c, taxonomy)).toList();
            Transform transform = transform(d.required("transform"), taxonomy);
            declassify.add(new Declassification(id, from, transform, d.optional("text").map(Node::text)));
        }
        return new Parsed(new PolicyVersion(family, version, effective, defaultEffect, rules, declassify,
                Hashing.hex(Hashing.sha256().digest(content))), familyNode.location(), versionNode.location(),
                effectiveNode.location());
    }

    private static String uniqueId(Node idNode, Set<String> ids) {
        String id = idNode.text();
        if (!ids.add(id)) {
            throw idNode.error(POLICY_CONFLICT, "rule id '" + id + "' is used twice in this version");
        }
        return id;
    }

    private static List<Node> nonEmpty(Node list) {
        List<Node> elements = list.elements();
        if (elements.isEmpty()) {
            throw list.error(BAD_VALUE, "must list at least one entry");
        }
        return elements;
    }

    private static Effect effect(Node n) {
        String word = n.text();
        for (Effect e : Effect.values()) {
            if (e.word().equals(word)) {
                return e;
            }
        }
        throw n.error(BAD_VALUE, "expected allow or deny, found '" + word + "'");
    }

    static Category category(Node n, Taxonomy taxonomy) {
        String name = n.text();
        return taxonomy.category(name).orElseThrow(() -> n.error(UNKNOWN_CATEGORY, "unknown category '" + name + "'"));
    }

    private static Purpose purpose(Node n, Taxonomy taxonomy) {
        String name = n.text();
        return taxonomy.purpose(name).orElseThrow(() -> n.error(UNKNOWN_PURPOSE, "unknown purpose '" + name + "'"));
    }

    private static Transform transform(Node n, Taxonomy taxonomy) {
        String name = n.text();
        return taxonomy.transform(name).orElseThrow(() -> n.error(UNKNOWN_TRANSFORM, "unknown transform '" + name + "'"));
    }

    private static Requirement requirement(Node n, Taxonomy taxonomy, SettingsCatalog catalog) {
        String text = n.text();
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon);
        String name = colon < 0 ? "" : text.substring(colon + 1);
        return switch (kind) {
            case "setting" -> new Requirement.Setting(catalog.setting(name)
                    .orElseThrow(() -> n.error(UNKNOWN_SETTING, "unknown setting '" + name + "'")));
            case "notice" -> new Requirement.Notice(catalog.notice(name)
                    .orElseThrow(() -> n.error(UNKNOWN_NOTICE, "unknown notice kind '" + name + "'")));
            case "transform" -> new Requirement.Transformed(taxonomy.transform(name)
                    .orElseThrow(() -> n.error(UNKNOWN_TRANSFORM, "unknown transform '" + name + "'")));
            default -> throw n.error(BAD_VALUE, "expected setting:KEY, notice:KIND or transform:NAME, found '" + text + "'");
        };
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConsentryException(FILE_NOT_READABLE, Optional.of(SourceLocation.file(file.toString())),
                    "cannot read: " + e.getMessage(), e);
        }
    }

    /** One policy version file, with the taxonomy and settings catalog it was read against. */
    public record VersionFile(Path file, Taxonomy taxonomy, SettingsCatalog catalog, PolicyVersion version) {
        public VersionFile {
            requireNonNull(file, "file is null");
            requireNonNull(taxonomy, "taxonomy is null");
            requireNonNull(catalog, "catalog is null");
            requireNonNull(version, "version is null");
        }
    }

    /**
     * Reads one version file against its own directory's {@code taxonomy.yaml} and
     * {@code settings.yaml} (the built-in defaults where one is absent), as {@link #read} would read
     * it with the rest of that directory; the directory's other versions are not read.
     */
    public static VersionFile readVersion(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new ConsentryException(FILE_NOT_READABLE, SourceLocation.file(file.toString()), "not a policy version file");
        }
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            throw new ConsentryException(BAD_ARGUMENT, SourceLocation.file(file.toString()),
                    "a policy version file is named *.yaml or *.yml");
        }
        if (name.equals(TAXONOMY_FILE) || name.equals(SETTINGS_FILE)) {
            throw new ConsentryException(BAD_ARGUMENT, SourceLocation.file(file.toString()),
                    "this is its directory's " + name + ", not a policy version");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path taxonomyFile = dir.resolve(TAXONOMY_FILE);
        Path settingsFile = dir.resolve(SETTINGS_FILE);
        Taxonomy taxonomy = Files.isRegularFile(taxonomyFile)
                ? TaxonomyReader.taxonomy(NodeReader.readYaml(file.resolveSibling(TAXONOMY_FILE).toString(), readAll(taxonomyFile)))
                : Taxonomy.defaults();
        SettingsCatalog catalog = Files.isRegularFile(settingsFile)
                ? TaxonomyReader.catalog(NodeReader.readYaml(file.resolveSibling(SETTINGS_FILE).toString(), readAll(settingsFile)))
                : SettingsCatalog.defaults();
        return new VersionFile(file, taxonomy, catalog, version(file.toString(), readAll(file), taxonomy, catalog));
    }

}
