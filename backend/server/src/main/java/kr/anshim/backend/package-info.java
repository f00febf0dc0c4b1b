/**
 * The Anshim backend: merges the device alarm streams, ranks incidents and feeds the screens live.
 * Sub-packages are features; each says what it owns.
 */
package kr.anshim.backend;
