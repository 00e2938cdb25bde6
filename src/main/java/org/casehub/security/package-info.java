/**
 * Protection of personal data (names, resident ID numbers, phones): sealing it for storage
 * ({@link org.casehub.security.PiiCipher}), keyed hashes to match on it
 * ({@link org.casehub.security.KeyedHasher}), masking for display and logs
 * ({@link org.casehub.security.Masking}, used by the logback converters of {@code logback-spring.xml}),
 * and validation ({@link org.casehub.security.IdNumbers}, {@link org.casehub.security.Phones}).
 */
package org.casehub.security;
