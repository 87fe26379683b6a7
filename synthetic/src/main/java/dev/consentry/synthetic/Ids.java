package dev.consentry.synthetic;

/**
 * Platform-wide counters behind user, guest, meeting and diagnostics ids, so ids are unique across
 * accounts and readable ({@code ana.17}, {@code guest.5}, {@code m4821}).
 */
final class Ids {
    private long users;
    private long guests;
    private long meetings;
    private long diagnostics;

    String user(String firstName) {
        return firstName + "." + ++users;
    }

    String guest() {
        return Names.GUEST + "." + ++guests;
    }

    String meeting() {
        return "m" + ++meetings;
    }

    long nextDiagnostics() {
        return ++diagnostics;
    }

    long users() {
        return users;
    }

    long guests() {
        return guests;
    }

    long meetings() {
        return meetings;
    }
}
