/* Client Workbook worksheets: answers are kept in this browser's localStorage only.
 * Nothing is sent anywhere. Keys: "iopkit:v1:<worksheet id>:<field id>", value JSON. */
(function () {
  "use strict";
  var PREFIX = "iopkit:v1:";

  function storage() {
    try { return window.localStorage; } catch (e) { return null; } // blocked: forms still work
  }

  function key(form, field) {
    return PREFIX + form.dataset.worksheet + ":" + field.dataset.field;
  }

  // A field's answer: text for a text box or scale, a list for a checklist, a map for a table.
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

  function isEmpty(value) {
    return value === null || value === "" || (Array.isArray(value) && !value.length) ||
      (typeof value === "object" && !Array.isArray(value) && !Object.keys(value).length);
  }

  function setUp(form) {
    var store = storage();
    var fields = form.querySelectorAll("[data-field]");
    fields.forEach(function (field) {
      if (store) {
        var saved = store.getItem(key(form, field));
        if (saved !== null) { try { write(field, JSON.parse(saved)); } catch (e) { /* ignore */ } }
      }
      field.addEventListener("input", function () { save(field); });
      field.addEventListener("change", function () { save(field); });
    });

    function save(field) {
      if (!store) { return; }
      var value = read(field);
      if (isEmpty(value)) { store.removeItem(key(form, field)); }
      else { store.setItem(key(form, field), JSON.stringify(value)); }
    }

    if (form.classList.contains("iop-practice")) { return; } // a tick list: "Erase all" covers it
    var erase = document.createElement("button");
    erase.type = "button";
    erase.className = "md-button iop-erase";
    erase.textContent = "Erase my answers";
    erase.addEventListener("click", function () {
      if (!window.confirm("Erase your answers on this worksheet? This cannot be undone.")) { return; }
      fields.forEach(function (field) {
        write(field, null);
        if (store) { store.removeItem(key(form, field)); }
      });
    });
    form.appendChild(erase);
  }

  // One button erases every answer in this workbook on this device (home and About pages).
  function setUpEraseAll(button) {
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "iop-erase-all__status";
    button.insertAdjacentElement("afterend", status);
    button.addEventListener("click", function () {
      var store = storage();
      if (!store) { status.textContent = "This browser does not keep answers, so there is nothing to erase."; return; }
      if (!window.confirm("Erase ALL your answers in this workbook on this device? This cannot be undone.")) { return; }
      var keys = [];
      for (var i = 0; i < store.length; i++) {
        if (store.key(i).indexOf(PREFIX) === 0) { keys.push(store.key(i)); }
      }
      keys.forEach(function (k) { store.removeItem(k); });
      status.textContent = keys.length ? "Done. Your answers are erased from this device." :
        "There were no answers saved on this device.";
    });
  }

  // Text boxes grow with what is written, so nothing is hidden on screen or on paper.
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

  function start() {
    document.querySelectorAll("form[data-worksheet]").forEach(setUp);
    document.querySelectorAll(".iop-worksheet textarea").forEach(function (t) { if (t.value) { fit(t); } });
    document.querySelectorAll("[data-erase-all]").forEach(setUpEraseAll);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
