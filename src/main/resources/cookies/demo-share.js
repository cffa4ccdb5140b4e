/* The demo site's share button: loads only once the visitor consents to social sharing (nothing leaves for a network here). */
(function () {
  window.demoShareRan = true;
  var button = document.getElementById("share-button");
  if (button) { button.hidden = false; }
})();
