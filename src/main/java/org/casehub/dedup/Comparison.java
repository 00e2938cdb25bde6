package org.casehub.dedup;

import java.util.Map;

/**
 * One comparison of a record with a case.
 *
 * @param kind     what it amounts to; null: unrelated
 * @param score    the matter score, 0 to 1
 * @param features what decided it, in a fixed order, JSON-serialisable (stored with the merge or link); empty for an
 *                 unrelated case met while deciding (see {@link DuplicateRule#decide})
 */
public record Comparison(LinkKind kind, double score, Map<String, Object> features) {
}
