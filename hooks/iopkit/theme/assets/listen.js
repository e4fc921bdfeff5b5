/* Listen (Client Workbook): reads a session's reading, or the Get help page, aloud with the
 * browser's own speech synthesis, a sentence at a time, highlighting the sentence being read.
 *
 * Privacy: only voices the browser reports as on the device (voice.localService) speak. A
 * voice that is not on the device may send the text to a server, and what a client reads in
 * treatment is nobody else's business, so where the device has no voice of its own for the
 * page's language (<html lang>), there is no Listen button at all. Nothing else leaves the
 * page; the chosen speed is kept in this browser (localStorage), under the program's keys.
 *
 * Text to read: each element marked data-listen-text (data-listen-text="article": the whole
 * page). Words come from assets/iopkit-workbook.js (window.iopkitWorkbook.words). */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var Utterance = window.SpeechSynthesisUtterance;
  var targets = document.querySelectorAll("[data-listen-text]");
  if (!synth || typeof Utterance !== "function" || !targets.length) { return; }

  var book = window.iopkitWorkbook || {};
  var words = book.words || {};
  function t(english) { return words[english] || english; }

  // Kept with the program's other settings (worksheets.js: "Erase all" clears it too).
  var RATE_KEY = "iopkit:v2-meta:" + (book.program || "") + ":listenRate";
  var RATES = [["0.75", "Slower"], ["1", "Normal"], ["1.25", "Faster"]];
  var HIGHLIGHT = "iop-listen";
  var language = primary(document.documentElement.getAttribute("lang") || "en");
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function primary(tag) { return String(tag || "").toLowerCase().replace("_", "-").split("-")[0]; }

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function savedRate() {
    var s = store(), value = s ? s.getItem(RATE_KEY) : null;
    return RATES.some(function (rate) { return rate[0] === value; }) ? value : "1";
  }

  /* The device's own voice for the page's language (its default one if it has several);
     null when it has none. */
  function deviceVoice() {
    var fitting = (synth.getVoices() || []).filter(function (voice) {
      return voice.localService === true && primary(voice.lang) === language;
    });
    return fitting.filter(function (voice) { return voice.default; })[0] || fitting[0] || null;
  }

  // --- the text, as sentences with where each one is on the page ---------------------------

  var SKIP = "button, select, input, textarea, form, svg, script, style, .headerlink, " +
    ".iop-listen, .iop-languages, .md-content__button, .iop-answers-tools, [aria-hidden='true']";
  var BLOCK = /^(P|LI|H[1-6]|DT|DD|FIGCAPTION|FIGURE|TD|TH|CAPTION|BLOCKQUOTE|DIV|SECTION|ARTICLE|SUMMARY|DETAILS|UL|OL|DL|TABLE|TR|NAV)$/;

  function blockOf(node) {
    var element = node.parentElement;
    while (element && !BLOCK.test(element.tagName)) { element = element.parentElement; }
    return element;
  }

  /* Runs of text, one per block (paragraph, list item, heading): [{text, pieces}], each
     piece a text node and where its text starts in the run. */
  function runsOf(root) {
    var runs = [], run = null, lastBlock = null;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === 1) {
          var style = window.getComputedStyle(node);
          if (node.matches(SKIP) || style.display === "none" || style.visibility === "hidden") {
            return NodeFilter.FILTER_REJECT;
          }
          return NodeFilter.FILTER_SKIP;
        }
        return /\S/.test(node.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      }
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var block = blockOf(node);
      if (!run || block !== lastBlock) {
        run = { text: "", pieces: [] };
        runs.push(run);
        lastBlock = block;
      }
      run.pieces.push({ node: node, start: run.text.length });
      run.text += node.nodeValue;
    }
    return runs;
  }

  /* [start, end) of each sentence in `text`: the browser's sentence rules where it has them
     (Intl.Segmenter), else a plain rule (a sentence ends at . ! ? or …). */
  function sentenceBounds(text) {
    var bounds = [];
    // A line break inside a paragraph is a space to a reader; the sentence rules end a
    // sentence at it. One space for one character keeps every offset where it was.
    text = text.replace(/\s/g, " ");
    if (window.Intl && Intl.Segmenter) {
      var segments = new Intl.Segmenter(language, { granularity: "sentence" }).segment(text);
      for (var it = segments[Symbol.iterator](), step = it.next(); !step.done; step = it.next()) {
        bounds.push([step.value.index, step.value.index + step.value.segment.length]);
      }
    } else {
      var rule = /[^.!?\u2026]+(?:[.!?\u2026]+["'\u201d\u2019)\]]*|$)/g, match;
      while ((match = rule.exec(text))) { bounds.push([match.index, match.index + match[0].length]); }
    }
    return bounds.map(function (b) {  // without the spaces around it
      var start = b[0], end = b[1];
      while (start < end && /\s/.test(text.charAt(start))) { start++; }
      while (end > start && /\s/.test(text.charAt(end - 1))) { end--; }
      return [start, end];
    }).filter(function (b) { return /[\p{L}\p{N}]/u.test(text.slice(b[0], b[1])); });
  }

  function pointAt(run, offset, atEnd) {
    for (var i = run.pieces.length - 1; i >= 0; i--) {
      var piece = run.pieces[i];
      if (atEnd ? piece.start < offset : piece.start <= offset) {
        return [piece.node, offset - piece.start];
      }
    }
    return [run.pieces[0].node, 0];
  }

  /* [{text, range}] for everything readable under `root`. */
  function sentencesOf(root) {
    var sentences = [];
    runsOf(root).forEach(function (run) {
      sentenceBounds(run.text).forEach(function (b) {
        var range = document.createRange(), from = pointAt(run, b[0], false), to = pointAt(run, b[1], true);
        range.setStart(from[0], from[1]);
        range.setEnd(to[0], to[1]);
        sentences.push({ text: run.text.slice(b[0], b[1]).replace(/\s+/g, " "), range: range });
      });
    });
    return sentences;
  }

  // --- showing where the reading is ----------------------------------------------------------

  function highlight(range) {
    if (window.CSS && CSS.highlights && window.Highlight) {
      if (range) { CSS.highlights.set(HIGHLIGHT, new Highlight(range)); } else { CSS.highlights.delete(HIGHLIGHT); }
    }
    if (range) { keepInView(range); }
  }

  function keepInView(range) {
    var box = range.getBoundingClientRect();
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var bottom = window.innerHeight - 64;  // clear of the "Help now" link
    if (box.top >= top && box.bottom <= bottom) { return; }
    var element = range.startContainer.parentElement;
    if (element) { element.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" }); }
  }

  // --- one player per marked text ----------------------------------------------------------

  var playing = null;  // the player now reading, if any: one at a time

  function Player(target) {
    this.root = target.getAttribute("data-listen-text") === "article"
      ? (target.closest("article") || document.body) : target;
    this.target = target;
    this.state = "idle";
    this.sentences = [];
    this.index = 0;
    this.current = null;
    this.controls = this.build();
    target.parentNode.insertBefore(this.controls, target);
  }

  Player.prototype.build = function () {
    var self = this;
    var group = document.createElement("div");
    group.className = "iop-listen";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", t("Read aloud"));
    this.main = button(t("Listen"), "md-button md-button--primary", function () { self.press(); });
    this.main.setAttribute("data-action", "listen");
    this.stopButton = button(t("Stop"), "md-button", function () { self.stop(); });
    this.stopButton.setAttribute("data-listen-stop", "");
    this.stopButton.hidden = true;
    var label = document.createElement("label");
    label.className = "iop-listen__speed";
    label.appendChild(document.createTextNode(t("Speed") + " "));
    this.rate = document.createElement("select");
    this.rate.setAttribute("data-listen-rate", "");
    RATES.forEach(function (rate) {
      var option = document.createElement("option");
      option.value = rate[0];
      option.textContent = t(rate[1]);
      self.rate.appendChild(option);
    });
    this.rate.value = savedRate();
    this.rate.addEventListener("change", function () { self.setRate(self.rate.value); });
    label.appendChild(this.rate);
    group.appendChild(this.main);
    group.appendChild(this.stopButton);
    group.appendChild(label);
    return group;
  };

  function button(text, className, onPress) {
    var made = document.createElement("button");
    made.type = "button";
    made.className = className;
    made.textContent = text;
    made.addEventListener("click", onPress);
    return made;
  }

  Player.prototype.show = function (state) {
    this.state = state;
    this.main.textContent = t({ idle: "Listen", speaking: "Pause", paused: "Resume" }[state]);
    this.stopButton.hidden = state === "idle";
    this.controls.classList.toggle("iop-listen--on", state !== "idle");
  };

  Player.prototype.press = function () {
    if (this.state === "speaking") {
      synth.pause();
      this.show("paused");
    } else if (this.state === "paused") {
      synth.resume();
      this.show("speaking");
    } else {
      if (playing && playing !== this) { playing.stop(); }
      playing = this;
      this.sentences = sentencesOf(this.root);  // read now: worksheets may have opened since
      this.show("speaking");
      this.speak(0);
    }
  };

  Player.prototype.speak = function (index) {
    var self = this, voice = deviceVoice();
    if (index >= this.sentences.length || !voice) { this.stop(); return; }
    this.index = index;
    var utterance = new Utterance(this.sentences[index].text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = Number(this.rate.value);
    utterance.onend = function () { if (self.current === utterance) { self.speak(index + 1); } };
    utterance.onerror = function (event) {
      // Stopping or changing speed cancels the sentence being read: not an error to act on.
      if (self.current === utterance && event && event.error !== "interrupted" && event.error !== "canceled") { self.stop(); }
    };
    this.current = utterance;
    highlight(this.sentences[index].range);
    synth.speak(utterance);
  };

  Player.prototype.stop = function () {
    this.current = null;
    if (playing === this) { playing = null; }
    synth.cancel();
    highlight(null);
    this.show("idle");
  };

  Player.prototype.setRate = function (value) {
    var s = store();
    try { if (s) { s.setItem(RATE_KEY, value); } } catch (e) { /* full or blocked: this page only */ }
    if (this.state === "speaking") {  // the sentence again, at the new speed
      this.current = null;
      synth.cancel();
      this.speak(this.index);
    }
  };

  Player.prototype.remove = function () {
    if (this.state !== "idle") { this.stop(); }
    this.controls.remove();
  };

  // --- the control where there is a device voice, and only there ----------------------------

  var players = [];
  function refresh() {
    var available = deviceVoice() !== null;
    if (available && !players.length) {
      Array.prototype.forEach.call(targets, function (target) { players.push(new Player(target)); });
    } else if (!available && players.length) {
      players.forEach(function (player) { player.remove(); });
      players = [];
    }
  }
  refresh();
  // Browsers may list their voices only after this event (getVoices() is empty until then).
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", refresh);
  } else {
    synth.onvoiceschanged = refresh;
  }
  // Speech would go on after the page is left: stop it with the page.
  window.addEventListener("pagehide", function () { if (playing) { playing.stop(); } });
})();
