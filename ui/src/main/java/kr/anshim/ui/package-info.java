/**
 * The control-room screens: a Vaadin Flow application on the servlet stack that talks to the
 * backend only over RSocket and never opens the database.
 */
package kr.anshim.ui;
