/**
 * The alarm sound of the operator console (Web Audio; no sound files).
 *
 * Browsers keep an AudioContext suspended until the user has clicked on the page, so the sound is
 * armed explicitly: a click on the shift start button (#arm-sound) resumes the context inside the
 * click itself (the listener below runs in the user's gesture; a server round trip would not).
 * Until then, and whenever the context is suspended again (a reload, a lost audio device),
 * html[data-anshim-sound] is "off" and the console shows its warning (see styles/anshim.css).
 *
 * window.anshimAlarm.set(critical, high): the number of unacknowledged CRITICAL and HIGH incidents.
 * CRITICAL sounds a two-tone, high, square alarm every 3 s; HIGH (only when no critical one is
 * waiting) a single, lower, soft tone every 15 s. silence(ms) holds the sound for that long
 * (the server records who did it), unsilence() ends it early.
 */
const CRITICAL_EVERY_MS = 3000;
const HIGH_EVERY_MS = 15000;

window.anshimAlarm = window.anshimAlarm || {
  context: null,
  critical: 0,
  high: 0,
  silencedUntil: 0,
  silenceTemplate: '{0}',
  timer: null,
  lastCritical: 0,
  lastHigh: 0,
  /** How many tones each severity played: for the browser tests and for diagnosing "it did not ring". */
  played: { CRITICAL: 0, HIGH: 0 },

  /** Called in the click of the shift start button: creates or resumes the context in the user's gesture. */
  arm() {
    try {
      this.context = this.context || new (window.AudioContext || window.webkitAudioContext)();
      this.context.onstatechange = () => this.render();
      const resumed = this.context.resume();
      if (resumed && resumed.then) {
        resumed.then(() => this.render(), () => this.render());
      }
    } catch (e) {
      // no Web Audio: the warning stays on screen
    }
    this.render();
    this.start();
  },

  armed() {
    return !!this.context && this.context.state === 'running';
  },

  /** "off" (not armed), "silenced" or "armed". */
  state() {
    if (!this.armed()) {
      return 'off';
    }
    return Date.now() < this.silencedUntil ? 'silenced' : 'armed';
  },

  set(critical, high) {
    this.critical = critical || 0;
    this.high = high || 0;
    document.documentElement.toggleAttribute('data-anshim-alarm', this.critical > 0);
    this.render();
    this.start();
    this.tick();
  },

  silence(ms, template) {
    this.silencedUntil = Date.now() + ms;
    this.silenceTemplate = template || '{0}';
    this.render();
  },

  unsilence() {
    this.silencedUntil = 0;
    this.lastCritical = 0;
    this.lastHigh = 0;
    this.render();
    this.tick();
  },

  start() {
    if (!this.timer) {
      this.timer = setInterval(() => { this.render(); this.tick(); }, 1000);
    }
  },

  tick() {
    if (this.state() !== 'armed') {
      return;
    }
    const now = Date.now();
    if (this.critical > 0) {
      if (now - this.lastCritical >= CRITICAL_EVERY_MS) {
        this.lastCritical = now;
        this.tone('CRITICAL');
      }
    } else if (this.high > 0) {
      if (now - this.lastHigh >= HIGH_EVERY_MS) {
        this.lastHigh = now;
        this.tone('HIGH');
      }
    } else {
      this.lastCritical = 0;
      this.lastHigh = 0;
    }
  },

  tone(severity) {
    try {
      const at = this.context.currentTime;
      const notes = severity === 'CRITICAL'
        ? [{ f: 988, t: 0, d: 0.18, type: 'square', g: 0.06 }, { f: 1319, t: 0.22, d: 0.18, type: 'square', g: 0.06 },
           { f: 988, t: 0.44, d: 0.18, type: 'square', g: 0.06 }]
        : [{ f: 523, t: 0, d: 0.35, type: 'sine', g: 0.08 }];
      for (const n of notes) {
        const oscillator = this.context.createOscillator();
        const gain = this.context.createGain();
        oscillator.type = n.type;
        oscillator.frequency.value = n.f;
        gain.gain.value = n.g;
        oscillator.connect(gain).connect(this.context.destination);
        oscillator.start(at + n.t);
        oscillator.stop(at + n.t + n.d);
      }
      this.played[severity]++;
    } catch (e) {
      // no audio device: the visual alert remains
    }
  },

  render() {
    const state = this.state();
    document.documentElement.setAttribute('data-anshim-sound', state);
    const remaining = document.getElementById('sound-silenced');
    if (remaining && state === 'silenced') {
      const seconds = Math.ceil((this.silencedUntil - Date.now()) / 1000);
      const text = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
      remaining.textContent = this.silenceTemplate.replace('{0}', text);
    }
  },
};

// The shift start button arms the sound in the click itself (capture phase: before Vaadin's own listener).
if (!window.anshimAlarm.listening) {
  window.anshimAlarm.listening = true;
  document.addEventListener('click', (event) => {
    if (event.composedPath().some((node) => node && node.id === 'arm-sound')) {
      window.anshimAlarm.arm();
    }
  }, true);
  document.documentElement.setAttribute('data-anshim-sound', 'off');
}
