/** The live ward map: Leaflet from npm wrapped as a Flow component, no internet tiles. */
package kr.anshim.ui.map;
