/** The UI's only way to the backend: an RSocket requester that reconnects by itself. */
package kr.anshim.ui.backend;
