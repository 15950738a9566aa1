/**
 * Small pure-Java helpers every module shares: dates worded in French. Hashing is
 * commons-codec's {@code DigestUtils}, used directly.
 */
@NullMarked
package fr.espacecommun.support;

import org.jspecify.annotations.NullMarked;
