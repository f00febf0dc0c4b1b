/**
 * The live feed: every committed incident change fans out to every subscribed screen; each
 * subscriber gets a snapshot of the open incidents first, so a reconnecting screen catches up.
 */
package kr.anshim.backend.livefeed;
