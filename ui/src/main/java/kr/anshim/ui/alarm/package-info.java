/**
 * Alarm management on the screens (issue 13): shelving with a reason and an expiry, the shelved
 * list, procedure checklists and their editor, the shift handover and the backend's flood state.
 * The backend decides and audits everything; these components ask and show.
 */
package kr.anshim.ui.alarm;
