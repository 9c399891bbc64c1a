window.SOPCTL_NAV = {"roles":[["customer-contact-specialist","Customer Contact Specialist"],["customer-service-representative","Customer Service Representative"]],"title":"Customer Service Representative","sops":[["complaint-handling","Complaint Handling"],["escalation","Escalation Procedure"],["returns","Product Returns"]]};
// sopctl handbook: the sidebar, filled from assets/nav-<role>.js
// (window.SOPCTL_NAV: the roles, and the role's SOPs in reading order),
// and the menu button that shows and hides it on a phone. Titles are user
// text: they are set as text, never parsed as HTML.
(function () {
  "use strict";
  var side = document.getElementById("Side");
  if (!side) {
    return;
  }
  var nav = window.SOPCTL_NAV;
  var list = document.getElementById("Side-sops");
  if (list && nav && Array.isArray(nav.sops)) {
    fill(list, nav);
  }
  menu(side);

  function link(href, text, current) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (current) {
      a.setAttribute("aria-current", "page");
    }
    li.appendChild(a);
    return li;
  }

  function heading(text) {
    var p = document.createElement("p");
    p.className = "side-h";
    p.textContent = text;
    return p;
  }

  function fill(list, nav) {
    var root = list.getAttribute("data-root") || "";
    var current = list.getAttribute("data-current");
    if (!document.getElementById("Side-roles") && Array.isArray(nav.roles)) {
      var roles = document.createElement("ul");
      roles.id = "Side-roles";
      nav.roles.forEach(function (r) {
        roles.appendChild(link(root + "roles/" + encodeURIComponent(r[0]) + ".html", r[1], false));
      });
      side.insertBefore(roles, side.firstChild);
      side.insertBefore(heading("Roles"), roles);
    }
    list.parentNode.insertBefore(heading(nav.title), list);
    var items = document.createDocumentFragment();
    nav.sops.forEach(function (s) {
      items.appendChild(link(root + "sops/" + encodeURIComponent(s[0]) + ".html", s[1], s[0] === current));
    });
    list.appendChild(items);
    // Beside the page the sidebar scrolls on its own: bring the current
    // SOP into its view, not the page's.
    var here = list.querySelector("[aria-current]");
    if (here && side.scrollHeight > side.clientHeight && here.offsetParent === side) {
      side.scrollTop = here.offsetTop - side.clientHeight / 3;
    }
  }

  // Without this script the sidebar stays in view below the content; with
  // it, a narrow screen shows it behind the menu button (style.css, .js).
  function menu(side) {
    var header = document.querySelector("header.site");
    if (!header) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "menu";
    button.textContent = "Menu";
    button.setAttribute("aria-controls", side.id);
    button.setAttribute("aria-expanded", "false");
    // After the handbook's title, where it shows: focus follows the eye.
    var title = header.querySelector("a");
    header.insertBefore(button, title ? title.nextSibling : header.firstChild);
    document.documentElement.classList.add("js");
    function show(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      document.body.classList.toggle("menu-open", open);
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      show(open);
      if (open) {
        var first = side.querySelector("a");
        if (first) {
          first.focus();
        }
      }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        show(false);
        button.focus();
      }
    });
  }
})();
