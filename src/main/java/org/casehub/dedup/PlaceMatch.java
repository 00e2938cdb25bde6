package org.casehub.dedup;

/** Whether two records are at the same place, from their division codes and the street numbers they name. */
enum PlaceMatch {
    SAME_COMMUNITY("same-community", 1.0, true),
    /** One code inside the other, both at street level or finer (a street's petition and a community's report). */
    WITHIN_STREET("within-street", 0.8, true),
    /** The same road and number: in one street (other communities), or inside one district placed at different tiers. */
    SAME_ADDRESS("same-address", 1.0, true),
    SAME_STREET("same-street", 0.5, false),
    /** One code is a district (or city): it may be the same place, nothing says so. */
    WITHIN_DISTRICT("within-district", 0.3, false),
    DIFFERENT("different", 0.0, false);

    private final String label;
    final double weight;
    /** Street or finer: enough for an anonymous record to merge. */
    final boolean precise;

    PlaceMatch(String label, double weight, boolean precise) {
        this.label = label;
        this.weight = weight;
        this.precise = precise;
    }

    String label() {
        return label;
    }

    static PlaceMatch of(String a, String b, boolean sameAddress) {
        if (a == null || b == null) {
            return WITHIN_DISTRICT;
        }
        boolean nested = a.startsWith(b) || b.startsWith(a);
        if (a.length() >= 9 && b.length() >= 9) {
            if (a.equals(b) && a.length() == 12) {
                return SAME_COMMUNITY;
            }
            if (nested) {
                return WITHIN_STREET;
            }
            if (a.regionMatches(0, b, 0, 9)) {
                return sameAddress ? SAME_ADDRESS : SAME_STREET;
            }
            return DIFFERENT;
        }
        if (!nested) {
            return DIFFERENT;
        }
        return sameAddress && Math.min(a.length(), b.length()) >= 6 ? SAME_ADDRESS : WITHIN_DISTRICT;
    }
}
