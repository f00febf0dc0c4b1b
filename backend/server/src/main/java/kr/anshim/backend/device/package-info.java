/**
 * The device registry: households (ward, location, protected-person flag, contact) and the devices
 * installed in them, with their connection tokens. Lookups are served from memory.
 */
package kr.anshim.backend.device;
