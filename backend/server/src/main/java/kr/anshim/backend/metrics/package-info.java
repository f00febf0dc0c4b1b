/**
 * Metrics: supervisors' response times (acknowledge, dispatch, 112 hand-off, turnout, travel,
 * response, clear), their distributions and operator workload, all recomputed exactly from the
 * stored audit trail for any past period; and the meters that make the running system observable.
 * Read-only: nothing here changes an incident.
 */
package kr.anshim.backend.metrics;
