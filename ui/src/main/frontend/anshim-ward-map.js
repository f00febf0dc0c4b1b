import L from 'leaflet';
import 'leaflet.markercluster';

const SEVERITY_COLOURS = { CRITICAL: '#ff453a', HIGH: '#ff9f0a', MEDIUM: '#ffd60a', LOW: '#64d2ff' };
const SEVERITY_RANK = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };
const RESPONDER_COLOURS = {
  AVAILABLE: '#30d158', DISPATCHED: '#bf5af2', EN_ROUTE: '#bf5af2', ON_SCENE: '#ff375f',
  RETURNING: '#8e8e93', OFF_DUTY: '#48484a',
};
const CLOSED = new Set(['RESOLVED', 'FALSE_ALARM', 'CANCELLED']);

/**
 * <anshim-ward-map>: Seoul's 25 wards shaded by open-incident load, incident markers coloured by
 * severity (critical ones pulse) and clustered when zoomed out (a cluster takes its worst member's
 * colour), and responder markers by status. Markers of one building are spread out (spiderfied) when
 * their cluster is clicked at the highest zoom, or when one of them is selected; the selected
 * incident is ringed and centred. Offline devices are a layer of their own; a layer control turns
 * incidents, responders and offline devices on and off. Light DOM, so Leaflet's global stylesheet applies.
 * The server calls upsertIncidents(json), removeIncidents(idsJson), upsertResponders(json), select(id); a click on a marker
 * fires "incident-select" with detail.id.
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
    this._responders = new Map();
    this._wardLayers = new Map();
    this._fitted = false;
    this._map = L.map(container, { minZoom: 10, maxZoom: 17, zoomSnap: 0.25, attributionControl: true });
    this._map.attributionControl.setPrefix(false);
    this._map.attributionControl.addAttribution(this.getAttribute('attribution') || '');
    this._map.setView([37.5665, 126.978], 11);
    // no disableClusteringAtZoom: at the highest zoom a cluster is what spiderfies co-located markers
    const clusterOptions = {
      maxClusterRadius: 40,
      spiderfyOnMaxZoom: true,
      showCoverageOnHover: false,
      iconCreateFunction: (cluster) => this._clusterIcon(cluster),
    };
    this._clusters = L.markerClusterGroup(clusterOptions);
    this._map.addLayer(this._clusters);
    this._offline = L.markerClusterGroup(clusterOptions);
    this._map.addLayer(this._offline);
    this._responderLayer = L.layerGroup().addTo(this._map);
    const overlays = {};
    overlays[this._label('', 'map.layer.incidents')] = this._clusters;
    overlays[this._label('', 'map.layer.responders')] = this._responderLayer;
    overlays[this._label('', 'map.layer.offline')] = this._offline;
    this._layers = L.control.layers(null, overlays, { collapsed: false, position: 'topright' }).addTo(this._map);
    this._layers.getContainer().classList.add('anshim-layers');
    fetch('data/seoul-districts.geojson')
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
        this._wardLayers.set(p.code, layer);
        layer.bindTooltip(`${p.name_ko} ${p.name_en}`, { sticky: true, className: 'anshim-ward-tooltip' });
      },
    }).addTo(this._map);
    this._wards.bringToBack();
    this._bounds = this._wards.getBounds();
    this.setAttribute('wards', String(geojson.features.length));
    this._shadeWards();
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

  removeIncidents(json) {
    const remove = [];
    for (const id of JSON.parse(json)) {
      const known = this._incidents.get(id);
      if (known) {
        remove.push(known);
        this._incidents.delete(id);
      }
    }
    this._removeMarkers(remove);
    this.setAttribute('incidents', String(this._incidents.size));
    this._shadeWards();
  }

  upsertIncidents(json) {
    const incidents = JSON.parse(json);
    const add = [];
    const remove = [];
    for (const incident of incidents) {
      const known = this._incidents.get(incident.id);
      if (known && known.data.version > incident.version) {
        continue;
      }
      if (known) {
        remove.push(known);
        this._incidents.delete(incident.id);
      }
      if (!CLOSED.has(incident.status)) {
        const entry = { data: incident, marker: this._incidentMarker(incident) };
        this._incidents.set(incident.id, entry);
        add.push(entry);
      }
    }
    this._removeMarkers(remove);
    this._layerOf(add).forEach(([layer, markers]) => layer.addLayers(markers));
    this.setAttribute('incidents', String(this._incidents.size));
    this._shadeWards();
  }

  /** Offline devices have their own layer; every other incident is in the incidents layer. */
  _offlineKind(incident) {
    return incident.kind === 'DEVICE_OFFLINE';
  }

  _layerOf(entries) {
    const incidents = entries.filter((e) => !this._offlineKind(e.data)).map((e) => e.marker);
    const offline = entries.filter((e) => this._offlineKind(e.data)).map((e) => e.marker);
    return [[this._clusters, incidents], [this._offline, offline]];
  }

  _removeMarkers(entries) {
    this._layerOf(entries).forEach(([layer, markers]) => layer.removeLayers(markers));
  }

  _icon(incident) {
    const unacknowledged = incident.status === 'NEW' ? ' unacknowledged' : '';
    const offline = this._offlineKind(incident) ? ' anshim-incident--offline' : '';
    const selected = incident.id === this._selected ? ' selected' : '';
    return L.divIcon({
      className: '',
      html: `<div class="anshim-incident severity-${incident.severity.toLowerCase()}${unacknowledged}${offline}${selected}" data-incident-id="${incident.id}"></div>`,
      iconSize: [18, 18],
      iconAnchor: [9, 9],
    });
  }

  _incidentMarker(incident) {
    const severity = incident.severity;
    const marker = L.marker([incident.latitude, incident.longitude],
      { icon: this._icon(incident), keyboard: true, title: this._label('kind.', incident.kind),
        zIndexOffset: incident.id === this._selected ? 1000 : 0 });
    marker.severity = severity;
    marker.on('click', () => this.dispatchEvent(new CustomEvent('incident-select', { detail: { id: incident.id } })));
    return marker;
  }

  _clusterIcon(cluster) {
    let worst = 'LOW';
    for (const child of cluster.getAllChildMarkers()) {
      if (SEVERITY_RANK[child.severity] > SEVERITY_RANK[worst]) {
        worst = child.severity;
      }
    }
    return L.divIcon({
      className: '',
      html: `<div class="anshim-cluster severity-${worst.toLowerCase()}">${cluster.getChildCount()}</div>`,
      iconSize: [34, 34],
      iconAnchor: [17, 17],
    });
  }

  _shadeWards() {
    if (!this._wardLayers.size) {
      return;
    }
    const load = new Map();
    for (const { data } of this._incidents.values()) {
      load.set(data.wardCode, (load.get(data.wardCode) || 0) + 1);
    }
    const max = Math.max(1, ...load.values());
    for (const [code, layer] of this._wardLayers) {
      const share = (load.get(code) || 0) / max;
      // a loaded ward is tinted, never painted over: zoomed in on a flooded ward its markers must still read
      layer.setStyle({ fillColor: share === 0 ? '#1c2a44' : `rgba(255, 69, 58, ${0.12 + 0.3 * share})`, fillOpacity: share === 0 ? 0.55 : 0.7 });
    }
  }

  /** A code in the user's language, from the labels attribute the server sets (WardMap.java). */
  _label(prefix, code) {
    if (!this._labels) {
      try {
        this._labels = JSON.parse(this.getAttribute('labels') || '{}');
      } catch (e) {
        this._labels = {};
      }
    }
    return this._labels[prefix + code] || code;
  }

  _responderText(responder) {
    return `${responder.callSign} · ${this._label('responderStatus.', responder.status)}`;
  }

  upsertResponders(json) {
    for (const responder of JSON.parse(json)) {
      const colour = RESPONDER_COLOURS[responder.status] || '#8e8e93';
      const known = this._responders.get(responder.id);
      if (known) {
        known.setLatLng([responder.latitude, responder.longitude]);
        known.setStyle({ fillColor: colour });
        known.setTooltipContent(this._responderText(responder));
      } else {
        const marker = L.circleMarker([responder.latitude, responder.longitude], {
          radius: 4, color: '#0b0f17', weight: 1, fillColor: colour, fillOpacity: 0.9,
          className: `anshim-responder kind-${responder.kind.toLowerCase()}`,
        }).bindTooltip(this._responderText(responder));
        marker.addTo(this._responderLayer);
        this._responders.set(responder.id, marker);
      }
    }
    this.setAttribute('responders', String(this._responders.size));
  }

  /** Rings the incident's marker (and un-rings the last one), zooms until it is out of its cluster, spiderfied if it must be, and centres it. */
  select(id) {
    const previous = this._incidents.get(this._selected);
    this._selected = id;
    if (previous) {
      previous.marker.setIcon(this._icon(previous.data));
      previous.marker.setZIndexOffset(0);
    }
    const known = this._incidents.get(id);
    this.setAttribute('selected', known ? id : '');
    if (!known) {
      return;
    }
    known.marker.setIcon(this._icon(known.data));
    known.marker.setZIndexOffset(1000);
    const layer = this._offlineKind(known.data) ? this._offline : this._clusters;
    if (!this._map.hasLayer(layer)) {
      this._map.addLayer(layer); // a selected incident is always shown, whatever the toggles
    }
    layer.zoomToShowLayer(known.marker, () => {
      this._map.panTo(known.marker.getLatLng());
    });
  }

  disconnectedCallback() {
    this._resizeObserver?.disconnect();
    this._resizeObserver = new ResizeObserver(() => this._onResize());
    if (this.isConnected) {
      this._resizeObserver.observe(this);
    }
  }
}

customElements.define('anshim-ward-map', AnshimWardMap);
