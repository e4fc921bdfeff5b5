/* Run mode (Facilitator Guide): a session plan as a view to lead the group from, on a tablet
 * or a laptop. "Run this session" (data-action="run-session", its agenda in data-run-plan)
 * opens it: the current agenda segment with what to say or do in it in large type, the time
 * left in the segment, the session's running clock (as the agenda's Clock column counts), what
 * comes next, and controls to start, pause, skip and add or take away a minute.
 *
 * What to say or do is taken from the plan's own sections (talking points, activity steps,
 * questions), so the page carries it once. The view marks its segment with data-run-segment,
 * the segment's place in the agenda counted from 0. When a segment's time is up the next one
 * begins, with a quiet visual cue (a sound only if turned on). The screen is kept awake where
 * the browser allows (Screen Wake Lock). Nothing is fetched; it works opened from disk. */
(function () {
  "use strict";
  var link = document.querySelector('[data-action="run-session"][data-run-plan]');
  if (!link || typeof HTMLDialogElement !== "function") { return; }
  var plan;
  try { plan = JSON.parse(link.getAttribute("data-run-plan")); } catch (e) { return; }
  if (!plan || !plan.segments || !plan.segments.length) { return; }

  var MINUTE = 60000;
  var CUE_MS = 10000;  // how long the "time is up" cue stays
  var KEYS = [[["Space"], "start or pause"], [["N", "\u2192"], "skip to the next segment"],
              [["+"], "add a minute"], [["\u2212"], "take a minute away"], [["Esc"], "close"]];

  var segments = plan.segments;
  var durations = segments.map(function (s) { return s.minutes * MINUTE; });
  var begun = [0];         // when each segment began, in session time (ms)
  var current = 0;
  var running = false;
  var stored = 0;          // session time before the last start
  var since = 0;           // Date.now() at the last start
  var overEnd = false;     // the last segment's time is up
  var cueUntil = 0;
  var ticker = null;
  var wakeLock = null;
  var sound = null;        // an AudioContext, once sound is turned on

  function elapsed() { return stored + (running ? Date.now() - since : 0); }

  // --- formats ---------------------------------------------------------------------------

  function clock(ms) {  // the agenda's running clock: 0:00, 0:10, 1:05
    var minutes = Math.floor(ms / MINUTE);
    return Math.floor(minutes / 60) + ":" + pad(minutes % 60);
  }
  function countdown(ms) {  // minutes and seconds: 9:59
    var seconds = Math.ceil(Math.abs(ms) / 1000);
    return (ms < 0 ? "+" : "") + Math.floor(seconds / 60) + ":" + pad(seconds % 60);
  }
  function wallClock(start, ms) {  // a track's clock time, as the agenda table writes it
    var parts = start.split(":"), minutes = (+parts[0] * 60 + +parts[1] + Math.floor(ms / MINUTE)) % 1440;
    return pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* When segment i begins (or began), in session time: the rest follow the current one. */
  function startOf(i) {
    if (i <= current) { return begun[i]; }
    var at = begun[current] + durations[current];
    for (var j = current + 1; j < i; j++) { at += durations[j]; }
    return at;
  }

  // --- the view ----------------------------------------------------------------------------

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text !== undefined) { element.textContent = text; }
    return element;
  }
  function control(text, name, onPress) {
    var made = make("button", "md-button iop-run__button", text);
    made.type = "button";
    made.setAttribute(name, "");
    made.addEventListener("click", onPress);
    return made;
  }

  var view = make("dialog", "iop-run md-typeset");
  view.setAttribute("aria-labelledby", "iop-run-title");
  var top = make("div", "iop-run__top");
  var heading = make("p", "iop-run__session", plan.title);
  heading.id = "iop-run-title";
  var close = control("Close", "data-run-close", function () { view.close(); });
  top.appendChild(heading);
  top.appendChild(close);

  var now = make("section", "iop-run__now");
  now.setAttribute("aria-labelledby", "iop-run-segment-title");
  var place = make("p", "iop-run__place");
  var title = make("h2", "iop-run__title");
  title.id = "iop-run-segment-title";
  var cue = make("p", "iop-run__cue");
  cue.setAttribute("role", "status");
  var points = make("div", "iop-run__points");
  now.appendChild(place);
  now.appendChild(title);
  now.appendChild(cue);
  now.appendChild(points);

  var side = make("div", "iop-run__side");
  var timers = make("div", "iop-run__timers");
  var left = make("p", "iop-run__left");
  var leftValue = make("span", "iop-run__big");
  leftValue.setAttribute("data-run-left", "");
  left.appendChild(leftValue);
  left.appendChild(make("span", "iop-run__label", " left in this segment"));
  var session = make("p", "iop-run__clock");
  var clockValue = make("span", "iop-run__big");
  clockValue.setAttribute("data-run-clock", "");
  session.appendChild(clockValue);
  session.appendChild(make("span", "iop-run__label", " session clock"));
  var tracks = make("p", "iop-run__tracks");
  timers.appendChild(left);
  timers.appendChild(session);
  timers.appendChild(tracks);

  var controls = make("div", "iop-run__controls");
  var toggle = control("Start", "data-run-toggle", function () { setRunning(!running); });
  toggle.classList.add("md-button--primary");
  var skip = control("Skip to next", "data-run-skip", function () { skipSegment(); });
  var less = control("\u2212 1 min", "data-run-less", function () { addMinutes(-1); });
  less.setAttribute("aria-label", "Take a minute away from this segment");
  var more = control("+ 1 min", "data-run-more", function () { addMinutes(1); });
  more.setAttribute("aria-label", "Add a minute to this segment");
  controls.appendChild(toggle);
  controls.appendChild(skip);
  controls.appendChild(less);
  controls.appendChild(more);
  var soundLabel = make("label", "iop-run__sound");
  var soundBox = make("input");
  soundBox.type = "checkbox";
  soundBox.setAttribute("data-run-sound", "");
  soundBox.addEventListener("change", function () {
    if (soundBox.checked && !sound && (window.AudioContext || window.webkitAudioContext)) {
      sound = new (window.AudioContext || window.webkitAudioContext)();
    }
  });
  soundLabel.appendChild(soundBox);
  soundLabel.appendChild(document.createTextNode(" Sound when time is up"));

  var next = make("p", "iop-run__next");
  var agendaTitle = make("h3", "iop-run__agenda-title", "Agenda");
  var agenda = make("ol", "iop-run__agenda");
  var rows = segments.map(function (segment) {
    var row = make("li");
    var at = make("span", "iop-run__at");
    row.appendChild(at);
    row.appendChild(document.createTextNode(" " + segment.title + " (" + segment.minutes + " min)"));
    agenda.appendChild(row);
    return { row: row, at: at };
  });
  var keys = make("p", "iop-run__keys");
  keys.appendChild(make("span", "", "Keys: "));
  KEYS.forEach(function (key, n) {
    key[0].forEach(function (name, i) {
      if (i) { keys.appendChild(document.createTextNode(" or ")); }
      keys.appendChild(make("kbd", "", name));
    });
    keys.appendChild(document.createTextNode(" " + key[1] + (n < KEYS.length - 1 ? " \u00b7 " : "")));
  });

  side.appendChild(timers);
  side.appendChild(controls);
  side.appendChild(soundLabel);
  side.appendChild(next);
  side.appendChild(agendaTitle);
  side.appendChild(agenda);
  side.appendChild(keys);
  var body = make("div", "iop-run__body");
  body.appendChild(now);
  body.appendChild(side);
  view.appendChild(top);
  view.appendChild(body);
  document.body.appendChild(view);

  /* What to say or do in a segment: its section of the plan, without what is for preparing
     (backgrounds) and with no second copy of the page's ids. */
  function contentOf(segment) {
    var box = document.createDocumentFragment();
    var start = segment.section && document.getElementById(segment.section);
    if (!start) {
      box.appendChild(make("p", "", segment.kind === "break" ? "Break." : ""));
      return box;
    }
    for (var node = start.nextElementSibling; node && !/^H[12]$/.test(node.tagName); node = node.nextElementSibling) {
      if (node.tagName === "DETAILS") { continue; }
      if (segment.section === "talking-points" && node.tagName === "P") { continue; }  // how to use them
      var copy = node.cloneNode(true);
      copy.removeAttribute("id");
      Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (e) { e.removeAttribute("id"); });
      Array.prototype.forEach.call(copy.querySelectorAll(".headerlink, details"), function (e) { e.remove(); });
      box.appendChild(copy);
    }
    return box;
  }

  var shown = -1;
  function render() {
    var t = elapsed();
    var segment = segments[current];
    if (shown !== current) {
      shown = current;
      now.setAttribute("data-run-segment", String(current));
      place.textContent = "Segment " + (current + 1) + " of " + segments.length + " \u00b7 " + segment.kind;
      title.textContent = segment.title;
      points.textContent = "";
      points.appendChild(contentOf(segment));
      skip.disabled = current === segments.length - 1;
    }
    var end = begun[current] + durations[current];
    leftValue.textContent = countdown(end - t);
    clockValue.textContent = clock(t);
    tracks.textContent = (plan.clocks || []).map(function (c) {
      return c.label + " " + wallClock(c.start, t);
    }).join(" \u00b7 ");
    toggle.textContent = running ? "Pause" : (t > 0 ? "Resume" : "Start");
    var after = segments[current + 1];
    next.textContent = after
      ? "Next at " + clock(startOf(current + 1)) + ": " + after.title + " (" + Math.round(durations[current + 1] / MINUTE) + " min)"
      : "Next: the end of the session, at " + clock(end) + ".";
    rows.forEach(function (r, i) {
      r.at.textContent = clock(startOf(i));
      if (i === current) { r.row.setAttribute("aria-current", "step"); } else { r.row.removeAttribute("aria-current"); }
      r.row.classList.toggle("iop-run__done", i < current);
    });
    view.classList.toggle("iop-run--cue", Date.now() < cueUntil || overEnd);
    view.classList.toggle("iop-run--over", overEnd);
  }

  function timeUp(message) {
    cueUntil = Date.now() + CUE_MS;
    cue.textContent = message;
    if (soundBox.checked && sound) { chime(); }
  }

  function chime() {  // a soft tone, made here: nothing is fetched
    var tone = sound.createOscillator(), volume = sound.createGain();
    tone.frequency.value = 660;
    volume.gain.setValueAtTime(0.15, sound.currentTime);
    volume.gain.exponentialRampToValueAtTime(0.001, sound.currentTime + 0.8);
    tone.connect(volume).connect(sound.destination);
    tone.start();
    tone.stop(sound.currentTime + 0.8);
  }

  function tick() {
    var t = elapsed();
    while (current < segments.length - 1 && t >= begun[current] + durations[current]) {
      begun[current + 1] = begun[current] + durations[current];
      current += 1;
      timeUp("Time is up. Now: " + segments[current].title + ".");
    }
    if (current === segments.length - 1 && !overEnd && t >= begun[current] + durations[current]) {
      overEnd = true;
      timeUp("The session's time is up.");
    }
    if (Date.now() >= cueUntil && !overEnd) { cue.textContent = ""; }
    render();
  }

  function setRunning(on) {
    if (on === running) { return; }
    stored = elapsed();
    running = on;
    since = Date.now();
    if (on && !ticker) { ticker = window.setInterval(tick, 250); }
    if (!on && ticker) { window.clearInterval(ticker); ticker = null; }
    keepAwake();
    tick();
  }

  function skipSegment() {
    if (current >= segments.length - 1) { return; }
    current += 1;
    begun[current] = elapsed();
    cue.textContent = "";
    cueUntil = 0;
    tick();
  }

  function addMinutes(n) {
    // A segment lasts at least a minute; what is taken from it comes off the whole session.
    durations[current] = Math.max(MINUTE, durations[current] + n * MINUTE);
    var over = elapsed() >= begun[current] + durations[current];
    if (current === segments.length - 1) { overEnd = over; }
    tick();
  }

  // --- keys, opening and closing, keeping the screen awake -----------------------------------

  view.addEventListener("keydown", function (event) {
    var key = event.key, action = null;
    var onControl = /^(BUTTON|INPUT|SELECT|TEXTAREA|A)$/.test(event.target.tagName);
    if (key === " " && !onControl) { action = function () { setRunning(!running); }; }
    else if (key === "n" || key === "N" || key === "ArrowRight") { action = skipSegment; }
    else if (key === "+" || key === "=") { action = function () { addMinutes(1); }; }
    else if (key === "-" || key === "\u2212" || key === "_") { action = function () { addMinutes(-1); }; }
    if (action) { event.preventDefault(); action(); }
    // The guide's own shortcuts (n: next page, s: search) wait until the view is closed.
    if (key !== "Escape" && key !== "Tab") { event.stopPropagation(); }
  });

  function keepAwake() {
    if (!navigator.wakeLock || !view.open || document.visibilityState !== "visible" || wakeLock) { return; }
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }, function () { /* not allowed now (battery saver, no gesture yet): the screen may sleep */ });
  }
  // A lock is released when the tab is hidden; ask again when it is back.
  document.addEventListener("visibilitychange", keepAwake);

  function open() {
    if (!view.open) { view.showModal(); }
    tick();
    keepAwake();
    toggle.focus();
  }
  view.addEventListener("close", function () {
    if (wakeLock) { wakeLock.release(); wakeLock = null; }
    if (location.hash === "#run") { history.replaceState(null, "", location.pathname + location.search); }
    link.focus();
  });
  link.addEventListener("click", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "#run");
    open();
  });
  if (location.hash === "#run") { open(); }
})();
