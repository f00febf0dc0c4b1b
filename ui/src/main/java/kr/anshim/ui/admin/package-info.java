/**
 * The admin's screen (screen users, sessions, devices) and the access panels (two-person grants, the
 * admin audit trail) that the supervisor's screen shows too. The backend enforces all of it.
 */
package kr.anshim.ui.admin;
