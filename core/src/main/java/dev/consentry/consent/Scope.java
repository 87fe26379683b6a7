package dev.consentry.consent;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a setting is set: {@code account:A}, {@code group:A/G} or {@code user:A/U}. Higher levels
 * come first in {@link Level}'s order; a lock at a level wins over every level below it.
 */
public record Scope(Level level, String account, Optional<String> member) {
    public enum Level {
        ACCOUNT("account"),
        GROUP("group"),
        USER("user");

        private final String prefix;

        Level(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public Scope {
        requireNonNull(level, "level is null");
        requireNonNull(account, "account is null");
        requireNonNull(member, "member is null");
        if (!isName(account) || member.map(m -> !isName(m)).orElse(false)) {
            throw new IllegalArgumentException("a scope's names are non-empty, hold no '/' and neither begin nor end with white space");
        }
        if ((level == Level.ACCOUNT) != member.isEmpty()) {
            throw new IllegalArgumentException(level.prefix() + " scope " + (member.isEmpty() ? "needs" : "takes no") + " member");
        }
    }

    public static Scope account(String account) {
        return new Scope(Level.ACCOUNT, account, Optional.empty());
    }

    public static Scope group(String account, String group) {
        return new Scope(Level.GROUP, account, Optional.of(group));
    }

    public static Scope user(String account, String user) {
        return new Scope(Level.USER, account, Optional.of(user));
    }

    /**
     * Parses {@code account:A}, {@code group:A/G} or {@code user:A/U}. Empty if the text is not a
     * scope, and also if a name in it is not a scope's name ({@link #isName}).
     */
    public static Optional<Scope> parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String prefix = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        int slash = rest.indexOf('/');
        for (Level level : Level.values()) {
            if (!level.prefix().equals(prefix)) {
                continue;
            }
            if (level == Level.ACCOUNT) {
                return slash < 0 && isName(rest) ? Optional.of(account(rest)) : Optional.empty();
            }
            if (slash < 0) {
                return Optional.empty();
            }
            String account = rest.substring(0, slash);
            String member = rest.substring(slash + 1);
            return isName(account) && isName(member) ? Optional.of(new Scope(level, account, Optional.of(member))) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A name a scope can hold: non-empty, without {@code /}, neither beginning nor ending with
     * white space. {@code group:acme//legal} or {@code group: acme/legal} is far likelier a typo
     * than a name, and read as one it would put a setting, or a lock, on a group no item belongs
     * to, silently.
     */
    private static boolean isName(String name) {
        return !name.isEmpty() && name.indexOf('/') < 0 && !Character.isWhitespace(name.charAt(0))
                && !Character.isWhitespace(name.charAt(name.length() - 1));
    }

    @Override
    public String toString() {
        return level.prefix() + ":" + account + member.map(m -> "/" + m).orElse("");
    }
}
