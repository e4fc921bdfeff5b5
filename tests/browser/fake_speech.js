/* A stand-in for the browser's speech synthesis, for tests: it offers the voices in
 * window.__fakeVoices (set before this runs, or the default below), records every sentence
 * spoken with its voice and speed in window.__spoken, and ends each one at once unless
 * window.__holdSpeech is true (then window.__finishSentence() ends the one being read). */
(function () {
  var voices = window.__fakeVoices || [
    { name: "Device English", lang: "en-US", localService: true, default: true, voiceURI: "device-en" },
    { name: "Cloud English", lang: "en-US", localService: false, default: false, voiceURI: "cloud-en" },
    { name: "Device Spanish", lang: "es-ES", localService: true, default: false, voiceURI: "device-es" }
  ];
  window.__spoken = [];
  window.__holdSpeech = window.__holdSpeech || false;
  var speaking = null;

  function FakeUtterance(text) {
    this.text = text; this.voice = null; this.lang = ""; this.rate = 1; this.pitch = 1; this.volume = 1;
    this.onstart = null; this.onend = null; this.onerror = null; this.onboundary = null;
  }
  function fire(utterance, name, extra) {
    var handler = utterance["on" + name];
    if (handler) { handler(Object.assign({ type: name, utterance: utterance }, extra || {})); }
  }
  function finish() {
    var utterance = speaking;
    if (!utterance) { return; }
    speaking = null;
    fire(utterance, "end");
  }

  var synth = new EventTarget();
  synth.speaking = false;
  synth.paused = false;
  synth.pending = false;
  synth.onvoiceschanged = null;
  synth.getVoices = function () { return window.__voicesReady === false ? [] : voices.slice(); };
  synth.speak = function (utterance) {
    window.__spoken.push({ text: utterance.text, voice: utterance.voice && utterance.voice.name,
                           lang: utterance.lang, rate: utterance.rate });
    speaking = utterance;
    setTimeout(function () {
      if (speaking !== utterance) { return; }
      fire(utterance, "start");
      fire(utterance, "boundary", { name: "word", charIndex: 0 });
      if (!window.__holdSpeech) { finish(); }
    }, 0);
  };
  synth.cancel = function () {
    var utterance = speaking;
    speaking = null;
    if (utterance) { fire(utterance, "error", { error: "interrupted" }); }
  };
  synth.pause = function () { synth.paused = true; };
  synth.resume = function () { synth.paused = false; };
  window.__finishSentence = finish;
  window.__announceVoices = function () {
    window.__voicesReady = true;
    synth.dispatchEvent(new Event("voiceschanged"));
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  Object.defineProperty(window, "SpeechSynthesisUtterance", { value: FakeUtterance, configurable: true });
})();
