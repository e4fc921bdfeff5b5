/* Client Workbook answers. They live only in this browser's localStorage; nothing is sent
 * anywhere. The workbook is their only keeper, so:
 *  - keys carry the program's id: "iopkit:v2:<program>:<worksheet>:<field>", shared by the
 *    program's languages and never by another program on the same web address;
 *  - each answer keeps its question's label and type, so an answer whose field was renamed,
 *    removed or changed type is shown as an "Earlier answer", never dropped;
 *  - a saved copy (a versioned JSON file the client keeps) restores them, newer answers win;
 *  - answers saved by older workbooks ("iopkit:v1:<worksheet>:<field>") move, once, into the
 *    program whose page is open, for the worksheets that program has.
 * What the script knows of the worksheets, all written by the same build:
 *  - window.iopkitWorkbook (assets/iopkit-workbook.js, on every page): the program, words,
 *    and the fields that replace an older id, moved on load whichever page is open;
 *  - the page's own worksheets: read from its forms (every field is a [data-field]);
 *  - window.iopkitWorksheets (assets/iopkit-worksheets.js): every worksheet, loaded only
 *    where a page needs them all ("My answers", answers under the old key format), as it
 *    grows with the curriculum. By a script element: fetch fails on file:// pages. */
(function () {
  "use strict";
  var book = window.iopkitWorkbook || { program: "", format: "iopkit-answers", version: 1 };
  // The workbook's language: its words, keyed by the English, from assets/iopkit-workbook.js.
  var words = book.words || {};
  function t(english, values) {
    var text = words[english] || english;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(values[name])); });
    return text;
  }
  var PREFIX = "iopkit:v2:" + book.program + ":";
  var META = "iopkit:v2-meta:" + book.program + ":";
  var OLD_PREFIX = "iopkit:v1:";
  var WEEK = 7 * 24 * 3600 * 1000;

  function storage() {
    try { return window.localStorage; } catch (e) { return null; } // blocked: forms still work
  }
  var store = storage();

  var sheets = {};       // by id: the page's worksheets, or all once they are loaded
  var allSheets = null;  // every worksheet in the workbook's order, once loaded
  function know(sheet) {
    sheet.byId = {};
    sheet.fields.forEach(function (field) { sheet.byId[field.id] = field; });
    sheets[sheet.id] = sheet;
  }

  /* A worksheet as the page's form shows it: the same build wrote both. */
  function sheetOfForm(form) {
    return { id: form.dataset.worksheet, fields: Array.prototype.map.call(
      form.querySelectorAll("[data-field]"), function (field) {
        return { id: field.dataset.field, label: fieldLabel(field), type: fieldType(field) };
      }) };
  }

  /* Loads every worksheet, then calls `then` (also when the file cannot load: then the
   * page works with its own worksheets, and what needed them all waits for next time). */
  function withAllSheets(then) {
    var script = document.createElement("script");
    script.src = rootUrl() + "assets/iopkit-worksheets.js";
    script.onload = function () {
      allSheets = window.iopkitWorksheets || [];
      allSheets.forEach(know);
      then();
    };
    script.onerror = function () { then(); };
    document.head.appendChild(script);
  }

  function hasOldKeys() {
    if (!store) { return false; }
    for (var i = 0; i < store.length; i++) {
      if (store.key(i).indexOf(OLD_PREFIX) === 0) { return true; }
    }
    return false;
  }

  function key(sheetId, fieldId) { return PREFIX + sheetId + ":" + fieldId; }

  /* Every answer of this program on this device: {sheet, field, label, type, value, updated}. */
  function allAnswers() {
    var found = [];
    if (!store) { return found; }
    for (var i = 0; i < store.length; i++) {
      var k = store.key(i);
      if (k.indexOf(PREFIX) !== 0) { continue; }
      var rest = k.slice(PREFIX.length), cut = rest.lastIndexOf(":");
      var answer = parse(store.getItem(k));
      if (!answer || cut < 0) { continue; }
      answer.sheet = rest.slice(0, cut);
      answer.field = rest.slice(cut + 1);
      found.push(answer);
    }
    return found;
  }

  function parse(text) {
    try {
      var data = JSON.parse(text);
      return data && typeof data === "object" && "value" in data ? data : null;
    } catch (e) { return null; }
  }

  function put(sheetId, fieldId, answer) {
    if (!store) { return; }
    store.setItem(key(sheetId, fieldId), JSON.stringify({
      value: answer.value, label: answer.label, type: answer.type, updated: answer.updated
    }));
  }

  /* A button the script adds: Material's look, its words, what a press does. */
  function button(words, className, onPress) {
    var made = document.createElement("button");
    made.type = "button";
    made.className = "md-button" + (className ? " " + className : "");
    made.textContent = words;
    made.addEventListener("click", onPress);
    return made;
  }

  function isEmpty(value) {
    return value === null || value === undefined || value === "" ||
      (Array.isArray(value) && !value.length) ||
      (typeof value === "object" && !Array.isArray(value) && !Object.keys(value).length);
  }

  /* Whether a stored value has the shape the field's type takes. */
  function fits(type, value) {
    if (type === "checklist") { return Array.isArray(value); }
    if (type === "table") { return value !== null && typeof value === "object" && !Array.isArray(value); }
    return typeof value === "string";
  }

  /* --- moving old answers in ---------------------------------------------------------- */

  function migrate() {
    if (!store || !book.program || !allSheets) { return; }  // which sheets are ours: all needed
    var moves = [];
    for (var i = 0; i < store.length; i++) {
      var k = store.key(i);
      if (k.indexOf(OLD_PREFIX) !== 0) { continue; }
      var rest = k.slice(OLD_PREFIX.length), cut = rest.lastIndexOf(":");
      var sheet = sheets[rest.slice(0, cut)];
      if (sheet) { moves.push([k, sheet, rest.slice(cut + 1)]); } // another program's: left alone
    }
    moves.forEach(function (move) {
      var value;
      try { value = JSON.parse(store.getItem(move[0])); } catch (e) { return; }
      var field = move[1].byId[move[2]];
      if (!store.getItem(key(move[1].id, move[2]))) {
        put(move[1].id, move[2], { value: value, label: field ? field.label : move[2],
                                   type: field ? field.type : "text", updated: "" });
      }
      store.removeItem(move[0]);
    });
  }

  /* A field that `replaces` an old id takes over that id's answer when it has none. */
  function carryReplaced() {
    if (!store) { return; }
    (book.replaced || []).forEach(function (field) {
      if (store.getItem(key(field.worksheet, field.field))) { return; }
      var old = parse(store.getItem(key(field.worksheet, field.replaces)));
      if (old && fits(field.type, old.value)) {
        old.label = field.label;
        old.type = field.type;
        put(field.worksheet, field.field, old);
        store.removeItem(key(field.worksheet, field.replaces));
      }
    });
  }

  /* An answer the current worksheet cannot show in a field of its own. */
  function isEarlier(answer) {
    var sheet = sheets[answer.sheet];
    var field = sheet && sheet.byId[answer.field];
    return !field || !fits(field.type, answer.value);
  }

  /* --- the form fields ------------------------------------------------------------------- */

  function read(field) {
    var boxes = field.querySelectorAll("input, textarea");
    if (field.classList.contains("iop-field--checklist")) {
      return Array.prototype.filter.call(boxes, function (b) { return b.checked; })
        .map(function (b) { return b.value; });
    }
    if (field.classList.contains("iop-field--scale")) {
      var chosen = field.querySelector("input:checked");
      return chosen ? chosen.value : null;
    }
    if (field.classList.contains("iop-field--table")) {
      var cells = {};
      boxes.forEach(function (b) { if (b.value) { cells[b.name] = b.value; } });
      return cells;
    }
    return boxes[0] ? boxes[0].value : "";
  }

  function write(field, value) {
    field.querySelectorAll("input, textarea").forEach(function (box) {
      if (box.type === "checkbox") { box.checked = Array.isArray(value) && value.indexOf(box.value) >= 0; }
      else if (box.type === "radio") { box.checked = value === box.value; }
      else if (value && typeof value === "object") { box.value = value[box.name] || ""; }
      else { box.value = typeof value === "string" ? value : ""; }
    });
  }

  function fieldLabel(field) {
    var label = field.querySelector("legend, label");
    return label ? label.textContent.trim() : field.dataset.field;
  }

  function fieldType(field) {
    var match = /iop-field--(\w+)/.exec(field.className);
    return match ? match[1] : "text";
  }

  var askedToPersist = false;
  function keepStorage() {
    // Ask the browser not to clear this site's storage when space runs low.
    if (askedToPersist || !navigator.storage || !navigator.storage.persist) { return; }
    askedToPersist = true;
    navigator.storage.persist().catch(function () { /* the browser decides */ });
  }

  function setUp(form) {
    var sheetId = form.dataset.worksheet;
    var fields = form.querySelectorAll("[data-field]");
    fields.forEach(function (field) {
      var saved = store && parse(store.getItem(key(sheetId, field.dataset.field)));
      if (saved && fits(fieldType(field), saved.value)) { write(field, saved.value); }
      field.addEventListener("input", function () { save(field); });
      field.addEventListener("change", function () { save(field); });
    });

    function save(field) {
      if (!store) { return; }
      var value = read(field), k = key(sheetId, field.dataset.field);
      var before = parse(store.getItem(k));
      if (before && !fits(fieldType(field), before.value)) {
        // An earlier answer of another shape sits under this id: keep it apart, not over it.
        put(sheetId, field.dataset.field + "~earlier", before);
      }
      if (isEmpty(value)) { store.removeItem(k); }
      else {
        put(sheetId, field.dataset.field, { value: value, label: fieldLabel(field),
                                            type: fieldType(field), updated: new Date().toISOString() });
        keepStorage();
      }
      refreshReminder();
    }

    showEarlier(form, sheetId);
    if (form.classList.contains("iop-practice")) { return; } // a tick list: "Erase all" covers it
    form.appendChild(button(t("Erase my answers"), "iop-erase", function () {
      if (!window.confirm(t("Erase your answers on this worksheet? This cannot be undone."))) { return; }
      fields.forEach(function (field) {
        write(field, null);
        if (store) { store.removeItem(key(sheetId, field.dataset.field)); }
      });
    }));
  }

  /* --- earlier answers ------------------------------------------------------------------ */

  function describe(value) {
    if (Array.isArray(value)) { return value.join(", "); }
    if (value && typeof value === "object") {
      return Object.keys(value).sort().map(function (k) { return value[k]; }).join("; ");
    }
    return String(value);
  }

  function choiceText(answer) {
    // A checklist's answer is the chosen options' numbers: show their words when known.
    var form = document.querySelector('form[data-worksheet="' + answer.sheet + '"]');
    var field = form && form.querySelector('[data-field="' + answer.field + '"]');
    if (!field || !Array.isArray(answer.value)) { return describe(answer.value); }
    return answer.value.map(function (v) {
      var box = field.querySelector('input[value="' + v + '"]');
      return box && box.parentElement ? box.parentElement.textContent.trim() : v;
    }).join(", ");
  }

  function earlierList(answers, onErase) {
    var list = document.createElement("dl");
    list.className = "iop-earlier__list";
    answers.forEach(function (answer) {
      var term = document.createElement("dt");
      term.textContent = answer.label || answer.field;
      var detail = document.createElement("dd");
      var text = document.createElement("span");
      text.className = "iop-earlier__value";
      text.textContent = choiceText(answer);
      var copy = button(t("Copy"), "iop-earlier__copy", function () {
        var done = function () { copy.textContent = t("Copied"); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text.textContent).then(done, function () { select(text); });
        } else { select(text); }
      });
      var erase = button(t("Erase"), "iop-earlier__erase", function () {
        if (!window.confirm(t("Erase this earlier answer? This cannot be undone."))) { return; }
        if (store) { store.removeItem(key(answer.sheet, answer.field)); }
        onErase();
      });
      detail.appendChild(text);
      detail.appendChild(copy);
      detail.appendChild(erase);
      list.appendChild(term);
      list.appendChild(detail);
    });
    return list;
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function showEarlier(form, sheetId) {
    var old = form.querySelector(".iop-earlier");
    if (old) { old.remove(); }
    var answers = allAnswers().filter(function (a) { return a.sheet === sheetId && isEarlier(a); });
    if (!answers.length) { return; }
    var box = document.createElement("section");
    box.className = "iop-earlier";
    box.setAttribute("data-earlier-answers", "");
    var heading = document.createElement("h3");
    heading.textContent = t("Earlier answers");
    var note = document.createElement("p");
    note.textContent = t("This worksheet has changed since you wrote these. They are kept here " +
      "for you to read, copy or erase.");
    box.setAttribute("aria-label", t("Earlier answers"));
    box.appendChild(heading);
    box.appendChild(note);
    box.appendChild(earlierList(answers, function () { showEarlier(form, sheetId); }));
    form.appendChild(box);
  }

  /* --- a saved copy --------------------------------------------------------------------- */

  function savedCopy() {
    return {
      format: book.format, version: book.version, program: book.program,
      programName: book.programName, saved: new Date().toISOString(),
      answers: allAnswers().map(function (a) {
        return { worksheet: a.sheet, field: a.field, label: a.label, type: a.type,
                 value: a.value, updated: a.updated || "" };
      })
    };
  }

  function saveCopy(status) {
    var copy = savedCopy();
    var blob = new Blob([JSON.stringify(copy, null, 1)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "my-answers-" + book.program + "-" + copy.saved.slice(0, 10) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    if (store) { store.setItem(META + "lastSaved", copy.saved); }
    say(status, t("Saved a copy of {n} answer(s). Keep the file somewhere safe, such as your " +
      "email or cloud storage.", { n: copy.answers.length }));
    refreshReminder();
  }

  /* Why a file is not a saved copy of this workbook, or "" when it is one. */
  function refusal(copy) {
    if (!copy || typeof copy !== "object" || copy.format !== book.format) {
      return t("This file is not a saved copy of workbook answers. Nothing was changed.");
    }
    if (copy.version !== book.version) {
      return t("This saved copy is of a version this workbook cannot read ({v}). Nothing was " +
        "changed.", { v: copy.version });
    }
    if (copy.program !== book.program) {
      return copy.programName ?
        t("This saved copy belongs to another program's workbook ({name}). Nothing was changed.",
          { name: copy.programName }) :
        t("This saved copy belongs to another program's workbook. Nothing was changed.");
    }
    if (!Array.isArray(copy.answers) || !copy.answers.every(function (a) {
      return a && typeof a.worksheet === "string" && typeof a.field === "string" && "value" in a;
    })) {
      return t("This saved copy is damaged, so it was not used. Nothing was changed.");
    }
    return "";
  }

  function restore(copy) {
    var restored = 0, kept = 0, same = 0;
    copy.answers.forEach(function (a) {
      var here = store && parse(store.getItem(key(a.worksheet, a.field)));
      var incoming = { value: a.value, label: a.label || a.field, type: a.type || "text",
                       updated: a.updated || "" };
      if (!here) { put(a.worksheet, a.field, incoming); restored++; return; }
      if (JSON.stringify(here.value) === JSON.stringify(a.value)) { same++; return; }
      // Never a silent overwrite: the newer answer stays, the reader is told.
      if ((incoming.updated || "") > (here.updated || "")) { put(a.worksheet, a.field, incoming); restored++; }
      else { kept++; }
    });
    return { restored: restored, kept: kept, same: same };
  }

  function restoreFrom(input, status) {
    var file = input.files && input.files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      var copy;
      try { copy = JSON.parse(reader.result); } catch (e) { copy = null; }
      var why = copy === null ? t("This file is not a saved copy of workbook answers, or it is " +
        "cut short. Nothing was changed.") : refusal(copy);
      if (why) { say(status, why); input.value = ""; return; }
      if (!store) { say(status, t("This browser does not keep answers, so nothing could be restored.")); return; }
      var result = restore(copy);
      var message = t("Restored {n} answer(s).", { n: result.restored });
      if (result.kept) {
        message += " " + t("Kept {n} answer(s) on this device that are newer than the copy.",
                           { n: result.kept });
      }
      say(status, message);
      input.value = "";
      refreshPage();
    };
    reader.readAsText(file);
  }

  function say(status, text) {
    if (status) { status.textContent = text; }
  }

  function setUpTools(tools) {
    var status = tools.querySelector("[data-answer-status]");
    var save = tools.querySelector('[data-action="save-copy"]');
    var input = tools.querySelector('[data-action="restore-copy"]');
    if (save) { save.addEventListener("click", function () { saveCopy(status); }); }
    if (input) { input.addEventListener("change", function () { restoreFrom(input, status); }); }
  }

  /* After a restore, the page's forms and lists show what is now stored. */
  function refreshPage() {
    document.querySelectorAll("form[data-worksheet]").forEach(function (form) {
      form.querySelectorAll("[data-field]").forEach(function (field) {
        var saved = store && parse(store.getItem(key(form.dataset.worksheet, field.dataset.field)));
        write(field, saved && fits(fieldType(field), saved.value) ? saved.value : null);
      });
      showEarlier(form, form.dataset.worksheet);
    });
    document.querySelectorAll("[data-my-answers]").forEach(showMyAnswers);
    refreshReminder();
  }

  /* --- My answers ------------------------------------------------------------------------ */

  function showMyAnswers(container) {
    var answers = allAnswers();
    container.textContent = "";
    if (!answers.length) {
      var none = document.createElement("p");
      none.textContent = t("There are no answers saved in this browser on this phone or computer yet.");
      container.appendChild(none);
      return;
    }
    var order = (allSheets || []).map(function (s) { return s.id; });
    var bySheet = {};
    answers.forEach(function (a) { (bySheet[a.sheet] = bySheet[a.sheet] || []).push(a); });
    Object.keys(bySheet).sort(function (a, b) {
      return (order.indexOf(a) + 1 || 1e6) - (order.indexOf(b) + 1 || 1e6);
    }).forEach(function (sheetId) {
      var sheet = sheets[sheetId];
      var section = document.createElement("section");
      section.className = "iop-my-answers__sheet";
      section.setAttribute("data-my-answers-sheet", sheetId);
      var heading = document.createElement("h2");
      if (sheet) {
        var link = document.createElement("a");
        link.href = rootUrl() + sheet.page;
        link.textContent = sheet.title;
        heading.appendChild(link);
      } else {
        heading.textContent = t("A worksheet this workbook no longer has");
      }
      section.appendChild(heading);
      var current = bySheet[sheetId].filter(function (a) { return !isEarlier(a); });
      var earlier = bySheet[sheetId].filter(isEarlier);
      var order2 = sheet ? sheet.fields.map(function (f) { return f.id; }) : [];
      current.sort(function (a, b) { return order2.indexOf(a.field) - order2.indexOf(b.field); });
      if (current.length) { section.appendChild(earlierList(current, function () { showMyAnswers(container); })); }
      if (earlier.length) {
        var h = document.createElement("h3");
        h.textContent = t("Earlier answers");
        section.appendChild(h);
        section.appendChild(earlierList(earlier, function () { showMyAnswers(container); }));
      }
      container.appendChild(section);
    });
  }

  /* The workbook's root URL, from this script's own address (assets/worksheets.js). */
  var scriptUrl = document.currentScript ? document.currentScript.src : "";
  function rootUrl() {
    return scriptUrl ? scriptUrl.replace(/assets\/worksheets\.js(\?.*)?$/, "") : "";
  }

  /* --- a quiet reminder to save a copy ----------------------------------------------------- */

  var reminder = null;
  function reminderDue() {
    if (!store || !allAnswers().length) { return false; }
    var last = Date.parse(store.getItem(META + "lastSaved") || "") || 0;
    var dismissed = Date.parse(store.getItem(META + "reminderDismissed") || "") || 0;
    var now = Date.now();
    return now - last > WEEK && now - dismissed > WEEK;
  }

  function refreshReminder() {
    var due = reminderDue();
    if (!due) { if (reminder) { reminder.hidden = true; } return; }
    if (!reminder) {
      var article = document.querySelector("article");
      if (!article || !document.querySelector("[data-answer-tools]")) { return; }
      reminder = document.createElement("aside");
      reminder.className = "iop-reminder";
      reminder.setAttribute("data-save-reminder", "");
      reminder.setAttribute("aria-label", t("Reminder"));
      var text = document.createElement("p");
      text.textContent = t("Your answers are only on this phone or computer, and you have not " +
        "saved a copy this week. A copy keeps them safe if this browser loses them.");
      var status = document.createElement("span");
      status.setAttribute("role", "status");
      var save = button(t("Save a copy"), "md-button--primary", function () { saveCopy(status); });
      var later = button(t("Not now"), "", function () {
        if (store) { store.setItem(META + "reminderDismissed", new Date().toISOString()); }
        reminder.hidden = true;
      });
      reminder.appendChild(text);
      reminder.appendChild(save);
      reminder.appendChild(later);
      reminder.appendChild(status);
      article.insertBefore(reminder, article.firstChild);
    }
    reminder.hidden = false;
  }

  /* --- erase all ---------------------------------------------------------------------------- */

  function setUpEraseAll(button) {
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "iop-erase-all__status";
    button.insertAdjacentElement("afterend", status);
    button.addEventListener("click", function () {
      if (!store) { status.textContent = t("This browser does not keep answers, so there is nothing to erase."); return; }
      if (!window.confirm(t("Erase ALL your answers in this workbook on this device? This cannot be undone."))) { return; }
      var keys = [];
      for (var i = 0; i < store.length; i++) {
        var k = store.key(i);
        if (k.indexOf(PREFIX) === 0 || k.indexOf(META) === 0) { keys.push(k); } // this program's only
      }
      keys.forEach(function (k) { store.removeItem(k); });
      status.textContent = keys.length ? t("Done. Your answers are erased from this device.") :
        t("There were no answers saved on this device.");
      refreshPage();
    });
  }

  /* Text boxes grow with what is written, so nothing is hidden on screen or on paper. */
  function fit(textarea) {
    textarea.style.height = "auto";
    textarea.style.height = textarea.scrollHeight + 2 + "px";
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches(".iop-worksheet textarea")) { fit(event.target); }
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".iop-worksheet textarea").forEach(fit);
  });

  /* Offline use and a place on the Home Screen, where the workbook is served over http(s). */
  function installable() {
    if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol) || !rootUrl()) { return; }
    navigator.serviceWorker.register(rootUrl() + "sw.js").catch(function () { /* optional */ });
  }

  function start() {
    // Answers under the old key format move once into this program, for the worksheets it
    // has; before any form is set up, so a form never shows (or saves over) a gap.
    if (hasOldKeys() || document.querySelector("[data-my-answers]")) { withAllSheets(setUpPage); }
    else { setUpPage(); }
  }

  function setUpPage() {
    document.querySelectorAll("form[data-worksheet]").forEach(function (form) {
      if (!sheets[form.dataset.worksheet]) { know(sheetOfForm(form)); }
    });
    migrate();
    carryReplaced();
    document.querySelectorAll("form[data-worksheet]").forEach(setUp);
    document.querySelectorAll(".iop-worksheet textarea").forEach(function (t) { if (t.value) { fit(t); } });
    document.querySelectorAll("[data-erase-all]").forEach(setUpEraseAll);
    document.querySelectorAll("[data-answer-tools]").forEach(setUpTools);
    document.querySelectorAll("[data-my-answers]").forEach(showMyAnswers);
    refreshReminder();
    installable();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
