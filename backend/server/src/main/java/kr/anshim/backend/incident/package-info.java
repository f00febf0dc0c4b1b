/**
 * Incidents: signals from one household inside a window form one incident whose severity steps up;
 * this package owns their state, their correlation and their storage.
 */
package kr.anshim.backend.incident;
