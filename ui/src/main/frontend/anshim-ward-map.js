import L from 'leaflet';

const SEVERITY_COLOURS = {
  CRITICAL: '#ff453a',
  HIGH: '#ff9f0a',
  MEDIUM: '#ffd60a',
  LOW: '#64d2ff',
};
const CLOSED = new Set(['RESOLVED', 'FALSE_ALARM', 'CANCELLED']);

/**
 * <anshim-ward-map>: Seoul's 25 wards and live incident markers, in light DOM so Leaflet's
 * global stylesheet applies. The server calls upsertIncidents(json) with a JSON array.
 */
class AnshimWardMap extends HTMLElement {
  connectedCallback() {
    if (this._map) {
      return;
    }
    this.classList.add('anshim-ward-map');
    const container = document.createElement('div');
    container.className = 'anshim-ward-map__canvas';
    this.appendChild(container);
    this._incidents = new Map();
    this._fitted = false;
    this._map = L.map(container, {
      minZoom: 10,
      maxZoom: 17,
      zoomSnap: 0.25,
      preferCanvas: false,
      attributionControl: true,
    });
    this._map.attributionControl.setPrefix(false);
    this._map.attributionControl.addAttribution(this.getAttribute('attribution') || '');
    this._map.setView([37.5665, 126.978], 11);
    this._wardsLoaded = fetch('data/seoul-districts.geojson')
      .then((response) => response.json())
      .then((geojson) => this._drawWards(geojson));
    this._resizeObserver = new ResizeObserver(() => this._onResize());
    this._resizeObserver.observe(this);
  }

  _drawWards(geojson) {
    this._wards = L.geoJSON(geojson, {
      style: () => ({ color: '#5e7aa8', weight: 1.2, fillColor: '#1c2a44', fillOpacity: 0.55, className: 'anshim-ward' }),
      onEachFeature: (feature, layer) => {
        const p = feature.properties;
        layer.bindTooltip(`${p.name_ko} ${p.name_en}`, { sticky: true, className: 'anshim-ward-tooltip' });
      },
    }).addTo(this._map);
    this._bounds = this._wards.getBounds();
    this.setAttribute('wards', String(geojson.features.length));
    this._onResize();
  }

  _onResize() {
    if (this.clientWidth === 0 || this.clientHeight === 0) {
      return;
    }
    this._map.invalidateSize();
    if (!this._fitted && this._bounds) {
      this._map.fitBounds(this._bounds, { padding: [12, 12] });
      this._fitted = true;
    }
  }

  upsertIncidents(json) {
    const incidents = JSON.parse(json);
    for (const incident of incidents) {
      this._upsert(incident);
    }
    this.setAttribute('incidents', String(this._incidents.size));
  }

  _upsert(incident) {
    const known = this._incidents.get(incident.id);
    if (known && known.data.updatedAt > incident.updatedAt) {
      return;
    }
    if (known) {
      known.marker.remove();
      this._incidents.delete(incident.id);
    }
    if (CLOSED.has(incident.status)) {
      return;
    }
    const severity = incident.severity;
    const marker = L.circleMarker([incident.latitude, incident.longitude], {
      radius: severity === 'CRITICAL' ? 9 : 7,
      color: '#0b0f17',
      weight: 1.5,
      fillColor: SEVERITY_COLOURS[severity] || '#ffffff',
      fillOpacity: 0.95,
      className: `anshim-incident severity-${severity.toLowerCase()}`,
    });
    marker.bindTooltip(`${incident.kind} · ${severity} (${incident.score})<br>${incident.lastSignal}`);
    marker.addTo(this._map);
    marker.getElement()?.setAttribute('data-incident-id', incident.id);
    this._incidents.set(incident.id, { data: incident, marker });
  }

  disconnectedCallback() {
    // Vaadin may detach and re-attach the same element; keep the map, stop observing size only.
    this._resizeObserver?.disconnect();
    this._resizeObserver = new ResizeObserver(() => this._onResize());
    if (this.isConnected) {
      this._resizeObserver.observe(this);
    }
  }
}

customElements.define('anshim-ward-map', AnshimWardMap);
