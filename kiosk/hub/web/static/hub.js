// Keep the scan field ready for the next slip: a USB scanner types, then presses Enter.
(function () {
  var field = document.getElementById("slip-text");
  if (field) { field.focus(); }
})();
