package org.casehub.dedup;

/**
 * What the rule compares of a person: keyed hashes only (never the clear values).
 *
 * @param role      petitioner or party (a grid event's reporter, the grid worker, is not a person of the grievance)
 * @param idHash    keyed hash of the resident ID number, or null
 * @param idValid   whether that ID number passed its checksum; only valid ones prove or disprove identity
 * @param phoneHash keyed hash of the phone, or null
 * @param nameHash  keyed hash of the name, or null
 */
public record PersonKey(String role, String idHash, boolean idValid, String phoneHash, String nameHash) {

    boolean validId() {
        return idValid && idHash != null;
    }

    /** Whether anything is known of the person to compare. */
    boolean comparable() {
        return idHash != null || phoneHash != null || nameHash != null;
    }
}
