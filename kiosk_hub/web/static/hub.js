// Keep the scan field ready for the next slip: a USB scanner types, then presses Enter.
(function () {
  var field = document.getElementById("slip-text");
  if (field) { field.focus(); }
})();

// Forms that undo work (removing a user) ask first: data-confirm holds the question.
document.querySelectorAll("form[data-confirm]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
  });
});
