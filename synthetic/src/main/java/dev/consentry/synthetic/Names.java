package dev.consentry.synthetic;

/** Word pools for names a person can read in an explanation: accounts, users and groups. */
final class Names {
    static final String[] COMPANIES = {"northwind", "contoso", "globex", "initech", "acme", "umbrella", "hooli",
        "vandelay", "wonka", "tyrell", "cyberdyne", "soylent", "stark", "wayne", "oscorp", "aperture", "blackmesa",
        "piedpiper", "dunder", "monarch", "gringotts", "duff", "krusty", "nakatomi", "weyland", "massive", "prestige",
        "sterling", "bluth", "wernham"};
    static final String[] FIRST_NAMES = {"ana", "ben", "cai", "dee", "eli", "fay", "gus", "hana", "ivo", "jun", "kim",
        "lea", "max", "nia", "oto", "pia", "quin", "rui", "sam", "tao", "uma", "vic", "wen", "xia", "yan", "zoe",
        "ada", "bo", "cy", "dov", "eva", "finn", "gia", "hal", "ines", "jay", "kai", "lou", "mia", "ned"};
    static final String[] GROUPS = {"sales", "engineering", "support", "legal", "marketing", "finance", "people",
        "operations", "research", "design", "executive", "it"};
    static final String GUEST = "guest";

    private Names() {}
}
