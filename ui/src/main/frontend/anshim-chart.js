import * as echarts from 'echarts';

/**
 * <anshim-chart>: an Apache ECharts chart in dark mode. The server calls setOption(json); the
 * chart is created once the element has a size and follows it (ResizeObserver).
 */
class AnshimChart extends HTMLElement {
  connectedCallback() {
    this.style.display = 'block';
    if (!this._observer) {
      this._observer = new ResizeObserver(() => this._resize());
      this._observer.observe(this);
    }
  }

  _resize() {
    if (this.clientWidth === 0 || this.clientHeight === 0) {
      return;
    }
    if (!this._chart) {
      this._chart = echarts.init(this, 'dark', { renderer: 'canvas' });
      if (this._pending) {
        this._chart.setOption(this._pending, true);
        this.setAttribute('rendered', 'true');
      }
    }
    this._chart.resize();
  }

  setOption(json) {
    const option = JSON.parse(json);
    option.backgroundColor = option.backgroundColor || 'transparent';
    this._pending = option;
    if (this._chart) {
      this._chart.setOption(option, true);
      this.setAttribute('rendered', 'true');
    }
  }

  disconnectedCallback() {
    this._observer?.disconnect();
    this._observer = null;
    this._chart?.dispose();
    this._chart = null;
  }
}

customElements.define('anshim-chart', AnshimChart);
