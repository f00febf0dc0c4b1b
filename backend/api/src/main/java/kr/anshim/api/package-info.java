/**
 * The wire contract between devices, the backend, the screens and the simulator: plain records
 * and route names, no framework. Anything that crosses an RSocket connection is defined here.
 */
package kr.anshim.api;
