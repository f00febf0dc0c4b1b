package kr.anshim.backend.pipeline;

import kr.anshim.backend.incident.Incident;

import java.util.Collection;

/**
 * Where a ward owner puts committed incident changes, in commit order, for every instance's
 * screens. Called from the owner's serial stage only.
 */
public interface ChangeFeed {

    void committed(Collection<Incident> changed);
}
