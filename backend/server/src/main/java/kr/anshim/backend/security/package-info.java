/**
 * Who is on the other end of a connection: devices, gateways and services authenticate in the
 * RSocket SETUP frame; every route then checks the caller it finds in the Reactor context.
 */
package kr.anshim.backend.security;
