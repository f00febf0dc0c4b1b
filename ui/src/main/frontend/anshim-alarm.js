/**
 * A repeating alert tone for unacknowledged critical incidents (Web Audio; no sound files).
 * window.anshimAlarm.set(n): n > 0 starts or keeps the tone every 3 s, 0 stops it.
 */
window.anshimAlarm = window.anshimAlarm || {
  timer: null,
  context: null,
  beep() {
    try {
      this.context = this.context || new (window.AudioContext || window.webkitAudioContext)();
      const oscillator = this.context.createOscillator();
      const gain = this.context.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = 880;
      gain.gain.value = 0.05;
      oscillator.connect(gain).connect(this.context.destination);
      oscillator.start();
      oscillator.stop(this.context.currentTime + 0.25);
    } catch (e) {
      // no audio device: the visual alert remains
    }
  },
  set(count) {
    document.documentElement.toggleAttribute('data-anshim-alarm', count > 0);
    if (count > 0 && !this.timer) {
      this.beep();
      this.timer = setInterval(() => this.beep(), 3000);
    } else if (count === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  },
};
