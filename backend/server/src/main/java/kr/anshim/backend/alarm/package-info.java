/**
 * Alarm management after ISA-18.2 / EEMUA 191: operator-load measures, flood detection and its
 * record, shelving with an expiry, chatter suppression, and the alarm-management audit trail.
 */
package kr.anshim.backend.alarm;
