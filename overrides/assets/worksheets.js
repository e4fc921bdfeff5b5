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

  function start() { document.querySelectorAll("form[data-worksheet]").forEach(setUp); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
