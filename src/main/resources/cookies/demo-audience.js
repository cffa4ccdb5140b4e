/* The demo site's audience tag: runs only once the visitor consents to audience measurement. */
(function () {
  document.cookie = "charte_audience=" + Math.random().toString(36).slice(2) + "; max-age=" + 60 * 60 * 24 * 390 + "; path=/; SameSite=Lax";
  window.demoAudienceRan = true;
  var mark = document.getElementById("audience-status");
  if (mark) { mark.setAttribute("data-ran", "true"); }
})();
