/**
 * Responders: the police patrol cars and private security guard teams that can be sent to a scene.
 * Owns the roster (status stored in PostgreSQL, positions and a short track in memory), the legal
 * status changes, the nearest-responder recommendation and the responder routes for screens and
 * position reports. Dispatch decisions (which incident gets whom) belong to {@code incident}.
 */
package kr.anshim.backend.responder;
