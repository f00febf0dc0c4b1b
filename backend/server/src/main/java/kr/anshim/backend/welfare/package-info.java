/**
 * Welfare services beside the devices: the inactivity check (똑똑문안서비스: an enrolled person's
 * activity summaries, a threshold timer per person, an incident of its own kind and its second-day
 * escalation), the safety timers of two-person visiting teams, the community-centre officer's scoped
 * view and outcomes, and the outbox that notifies officers. Welfare signals reach incidents through
 * the same correlator and serial stage as the alarms ({@link kr.anshim.backend.welfare.WelfareSignals}).
 */
package kr.anshim.backend.welfare;
