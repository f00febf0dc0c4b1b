package kr.anshim.backend.livefeed;

import kr.anshim.api.IncidentView;

/**
 * Holds open incidents out of the screens' active set (alarm management's shelf): a held incident
 * is left out of the snapshot and its changes travel as tombstones; when the hold ends, publishing
 * the incident again brings it back.
 */
public interface QueueHold {

    boolean holds(IncidentView incident);
}
