/* The demo site's share button: loads only once the visitor consents to social sharing (nothing leaves for a network here). */
(function () {
  window.demoShareRan = true;
  var placeholder = document.getElementById("share-placeholder");
  if (placeholder) { placeholder.setAttribute("data-loaded", "true"); placeholder.hidden = true; }
  var button = document.getElementById("share-button");
  if (button) { button.hidden = false; }
})();
