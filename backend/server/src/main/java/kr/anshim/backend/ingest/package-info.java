/**
 * Device ingest, the pipeline's intake: the RSocket routes devices call, shedding past capacity and
 * the wire contract's validation. Accepted events go on to the ward log and their ward's owner
 * ({@code kr.anshim.backend.pipeline}); every frame gets exactly one answer.
 */
package kr.anshim.backend.ingest;
