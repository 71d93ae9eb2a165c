// selon pages: show the details of a highlighted claim. The details are already in the page
// (rendered and escaped by the server); this script only clones and shows them.
(function () {
  "use strict";

  function claimIds(el) {
    return (el.getAttribute("data-claims") || "").split(" ").filter(Boolean);
  }

  function setUp() {
    var article = document.getElementById("article");
    var panel = document.getElementById("details-body");
    var box = document.getElementById("details");
    var closer = document.getElementById("details-close");
    if (!article || !panel) return;
    var shown = "";
    var pinned = "";

    function highlight(ids) {
      document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
      article.querySelectorAll("[data-claims]").forEach(function (el) {
        if (claimIds(el).some(function (id) { return ids.indexOf(id) >= 0; })) el.classList.add("active");
      });
    }

    function show(ids) {
      var key = ids.join(" ");
      if (!ids.length || key === shown) return;
      var nodes = [];
      ids.forEach(function (id) {
        var source = document.getElementById("detail-" + id);
        if (!source) return;
        var copy = source.cloneNode(true);
        copy.removeAttribute("id");
        copy.classList.add("shown");
        nodes.push(copy);
      });
      if (!nodes.length) return;
      panel.replaceChildren.apply(panel, nodes);
      panel.setAttribute("data-claims", key);
      shown = key;
      highlight(ids);
    }

    function marked(target) {
      return target && target.closest ? target.closest("[data-claims]") : null;
    }

    document.addEventListener("mouseover", function (ev) {
      var el = marked(ev.target);
      if (el && !pinned) show(claimIds(el));
    });
    document.addEventListener("focusin", function (ev) {
      var el = marked(ev.target);
      if (el && !pinned) show(claimIds(el));
    });
    function pin(key) {
      pinned = key;
      panel.classList.toggle("pinned", !!pinned);
      if (box) box.classList.toggle("sheet", !!pinned);
    }

    if (closer) closer.addEventListener("click", function () { pin(""); });
    document.addEventListener("click", function (ev) {
      var el = marked(ev.target);
      if (!el) return;
      if (el.tagName === "A") ev.preventDefault();
      var ids = claimIds(el);
      pin(pinned === ids.join(" ") ? "" : ids.join(" "));
      shown = "";
      show(ids);
    });
    document.addEventListener("keydown", function (ev) {
      var el = marked(ev.target);
      if (el && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); el.click(); }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
