package org.casehub.core;

/**
 * The keyed hashes of one person's name, resident ID number and phone (each null when there is nothing to hash), as
 * dedup matches the same person by them.
 */
public record PersonHashes(String name, String idNumber, String phone) {
}
