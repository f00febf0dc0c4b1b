/**
 * What people do to incidents: acknowledge, dispatch, notes, call status, resolve. Commands run
 * in the journal's serial stage, are stored with their audit entries in one transaction, and
 * move the responders they involve.
 */
package kr.anshim.backend.operations;
