/**
 * The city simulator that drives the demo, and the load runs that measure the ingest path.
 * Both talk to the real RSocket routes, on loopback only, and stop by themselves.
 */
package kr.anshim.loadtests;
