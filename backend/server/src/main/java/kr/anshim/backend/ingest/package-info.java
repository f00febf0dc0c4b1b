/**
 * Device ingest: the RSocket routes devices call, the wire contract's validation, and the journal
 * that commits events in batches before acknowledging them.
 */
package kr.anshim.backend.ingest;
