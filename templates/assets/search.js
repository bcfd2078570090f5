// Mounts Pagefind's search UI on /search/. The index is built in shards (one Pagefind bundle
// each); shards.json lists them and the first bundle's UI merges the others (mergeIndex).
// Without JavaScript the page still lists outlets and topics to browse.
(function () {
  "use strict";
  var mount = document.getElementById("search");
  if (!mount) return;
  var status = mount.querySelector(".search-status");
  function say(text) {
    if (status) status.textContent = text;
  }
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }
  // Pagefind's input carries only a placeholder; give it a real label.
  function labelInput() {
    var input = mount.querySelector("input");
    if (!input || input.id) return;
    input.id = "search-input";
    var label = document.createElement("label");
    label.className = "visually-hidden";
    label.htmlFor = input.id;
    label.textContent = "Search the archive";
    input.parentNode.insertBefore(label, input);
  }
  say("Loading search…");
  fetch(mount.getAttribute("data-shards"))
    .then(function (response) {
      if (!response.ok) throw new Error("no search index (" + response.status + ")");
      return response.json();
    })
    .then(function (index) {
      var bundles = (index && index.bundles) || [];
      if (bundles.length === 0) throw new Error("the search index is empty");
      var first = bundles[0];
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = first + "pagefind-ui.css";
      document.head.appendChild(css);
      return loadScript(first + "pagefind-ui.js").then(function () {
        if (status) status.remove();
        var ui = new window.PagefindUI({
          element: "#search",
          bundlePath: first,
          mergeIndex: bundles.slice(1).map(function (bundle) { return { bundlePath: bundle }; }),
          showImages: false,
          showSubResults: false,
          resetStyles: false,
          translations: { placeholder: "Search the archive" },
        });
        labelInput();
        var query = new URLSearchParams(window.location.search).get("q");
        if (query) ui.triggerSearch(query);
      });
    })
    .catch(function (error) {
      say("Search is not available right now (" + error.message + "). Browse by outlet or topic below.");
    });
})();
