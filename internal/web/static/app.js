// aduan console: keyboard shortcuts, countdowns, live updates and the
// incoming-call pop. Every page works without this script; it only makes
// the work faster. Texts come from data-t-* attributes on <body>, so the
// script itself holds no language.
(function () {
  "use strict";
  var body = document.body;
  var t = function (k) { return body.getAttribute("data-t-" + k) || k; };

  // --- Keyboard shortcuts -------------------------------------------------
  // Alt+digit: menu. On the desk: Ctrl+S save, Alt+J/T/I save and go on,
  // Alt+A to the answer field.
  // On the complaint page: Alt+J answer, Alt+T forward, Alt+R relay, Alt+C
  // close, Alt+K acknowledge, Alt+I ask identity, Alt+E receive answer.
  // "/" focuses the search box of a list.
  var gPending = false;
  var actionKeys = { j: ["answer", "agency_answer"], t: ["forward"], r: ["relay"], c: ["close"], k: ["acknowledge"], i: ["request_identity"], e: ["receive_answer"] };
  document.addEventListener("keydown", function (e) {
    var k = (e.key || "").toLowerCase();
    if ((e.ctrlKey || e.metaKey) && k === "s") {
      var f = document.getElementById("intake");
      if (f) { e.preventDefault(); submitWith(f, "save"); }
      return;
    }
    if (e.altKey && !e.ctrlKey) {
      var nav = document.querySelector('header nav a[data-shortcut="' + k + '"]');
      if (nav) { e.preventDefault(); location.href = nav.href; return; }
      var intake = document.getElementById("intake");
      if (intake) {
        // Alt+A: the cursor to the answer, brought into view if the window
        // is too short to show it.
        var fk = intake.querySelector('[data-focus-key="' + k + '"]');
        if (fk) {
          e.preventDefault();
          fk.focus({ preventScroll: true });
          var r = fk.getBoundingClientRect();
          if (r.top < 0 || r.bottom > window.innerHeight) { fk.scrollIntoView({ block: "center" }); }
          return;
        }
        if (k === "p") {
          var top = document.querySelector("button[data-use-top]");
          if (top) { e.preventDefault(); top.click(); }
          return;
        }
        var b = intake.querySelector('button[data-key="' + k + '"]');
        if (b) { e.preventDefault(); b.click(); }
        return;
      }
      var acts = actionKeys[k] || [];
      for (var i = 0; i < acts.length; i++) {
        var d = document.getElementById("act-" + acts[i]);
        if (d) {
          e.preventDefault();
          d.open = true;
          var field = d.querySelector("textarea, select, input:not([type=hidden])");
          if (field) { field.focus(); } else { d.querySelector("button").focus(); }
          return;
        }
      }
    }
    // "g" then a digit: the menu without Alt, for browsers (Linux,
    // ChromeOS) that keep Alt+digit for their own tabs or shelf.
    var inField = /INPUT|TEXTAREA|SELECT/.test((document.activeElement || {}).tagName || "");
    if (!inField && !e.altKey && !e.ctrlKey && !e.metaKey) {
      if (gPending && /^[0-9]$/.test(k)) {
        var navG = document.querySelector('header nav a[data-shortcut="' + k + '"]');
        gPending = false;
        if (navG) { e.preventDefault(); location.href = navG.href; return; }
      }
      gPending = k === "g";
      if (gPending) { setTimeout(function () { gPending = false; }, 1500); }
    }
    if (k === "/" && !/INPUT|TEXTAREA|SELECT/.test((document.activeElement || {}).tagName || "")) {
      var s = document.querySelector("input[data-slash]");
      if (s) { e.preventDefault(); s.focus(); s.select(); }
    }
  });
  function submitWith(form, next) {
    var b = form.querySelector('button[name="next"][value="' + next + '"]');
    if (b) { b.click(); } else { form.submit(); }
  }
  // A details form that opens moves the cursor into it.
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (d.tagName === "DETAILS" && d.open && d.classList.contains("act")) {
      var f = d.querySelector("textarea, select, input:not([type=hidden])");
      if (f) { f.focus(); }
    }
  }, true);
  // The agency's action bar: a tap opens that action's form and puts the
  // cursor in it (without the script the link still scrolls to it).
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-open]");
    if (!a) { return; }
    var d = document.getElementById(a.getAttribute("data-open"));
    if (!d) { return; }
    e.preventDefault();
    d.open = true;
    d.scrollIntoView({ block: "start" });
    var f = d.querySelector("textarea, select, input:not([type=hidden])");
    if (f) { f.focus({ preventScroll: true }); }
  });
  var opened = document.querySelector("details.act[open] textarea, details.act[open] select");
  if (opened) { opened.focus(); }

  // The caller look-up answers with who is calling; their details on file
  // go into the fields that are still empty (never over what the operator
  // typed, never into the field being typed in).
  document.addEventListener("htmx:afterSwap", function () {
    var c = document.getElementById("caller");
    var form = document.getElementById("intake");
    if (!c || !form) { return; }
    [["name", "name"], ["address", "address"], ["email", "email"], ["citizen_kelurahan", "kel"]].forEach(function (p) {
      var el = form.querySelector('[name="' + p[0] + '"]'), v = c.getAttribute("data-" + p[1]);
      if (el && v && !el.value && el !== document.activeElement) { el.value = v; }
    });
    markMissing();
  });
  // Required identity fields (SOP step 3) that are empty stay marked.
  function markMissing() {
    var form = document.getElementById("intake");
    if (!form) { return; }
    var any = false;
    form.querySelectorAll("input[data-required]").forEach(function (el) {
      var empty = el.value.trim() === "";
      el.classList.toggle("missing", empty);
      any = any || empty;
    });
    // The warning applies once there is a caller (a number typed) with a
    // gap in their identity: never on an untouched form, never once the
    // identity is complete.
    var ph = form.querySelector('input[name="phone"]');
    any = any && !!ph && ph.value.trim() !== "";
    var note = form.querySelector(".missing-note");
    if (note) { note.hidden = !any; }
    var ask = form.querySelector('button[name="next"][value="identity"]');
    if (ask) { ask.classList.toggle("attention", any); }
  }
  document.addEventListener("input", function (e) {
    if (e.target.hasAttribute && (e.target.hasAttribute("data-required") || e.target.name === "phone")) { markMissing(); }
  });

  // --- Countdowns ----------------------------------------------------------
  // The server words every clock (i18n.Due, at minutes): once a minute the
  // page asks it for fresh words for the clocks it shows. No seconds tick.
  function refreshClocks() {
    var els = Array.prototype.slice.call(document.querySelectorAll("time.due[datetime]"));
    if (!els.length || document.hidden) { return; }
    var q = els.map(function (el) {
      return "d=" + encodeURIComponent(el.getAttribute("datetime")) + "&s=" + encodeURIComponent(el.getAttribute("data-start") || "");
    }).join("&");
    fetch("/clocks?" + q, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (cs) {
        if (!cs) { return; }
        els.forEach(function (el, i) {
          var c = cs[i];
          if (!c) { return; }
          el.classList.remove("ok", "near", "over");
          el.classList.add(c["class"]);
          el.textContent = c.text;
        });
      })
      .catch(function () {});
  }
  setInterval(refreshClocks, 60000);
  document.addEventListener("visibilitychange", refreshClocks);

  // --- Live updates and the incoming-call pop -------------------------------
  function toast(text) {
    var box = document.getElementById("toasts");
    if (!box) { return; }
    var el = document.createElement("div");
    el.className = "toast";
    el.textContent = text;
    box.appendChild(el);
    setTimeout(function () { el.remove(); }, 5000);
  }
  var seenMax = 0;
  document.addEventListener("htmx:afterSwap", function () {
    var rows = document.getElementById("queue-rows");
    if (!rows) { return; }
    rows.querySelectorAll("tr[data-id]").forEach(function (tr) {
      if (seenMax && +tr.getAttribute("data-id") > seenMax) { tr.classList.add("new"); }
    });
    seenMax = +rows.getAttribute("data-max-id") || seenMax;
  });
  var rows0 = document.getElementById("queue-rows");
  if (rows0) { seenMax = +rows0.getAttribute("data-max-id") || 0; }

  // Another operator acted on the complaint open here: the page is drawn
  // again in place, unless something is being typed into its forms; then
  // only a notice says so (the typing stays; a send that conflicts comes
  // back with it, see Act).
  function complaintDirty(page) {
    var dirty = false;
    page.querySelectorAll("form textarea, form input:not([type=hidden]), form select").forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") { if (el.checked !== el.defaultChecked) { dirty = true; } return; }
      if (el.tagName === "SELECT") {
        for (var i = 0; i < el.options.length; i++) { if (el.options[i].selected !== el.options[i].defaultSelected) { dirty = true; } }
        return;
      }
      if (el.value !== el.defaultValue) { dirty = true; }
    });
    return dirty;
  }
  function complaintChanged(ev) {
    var page = document.getElementById("complaint-page");
    if (!page || String(ev.actor_id || "") === page.getAttribute("data-me")) { return; }
    if (complaintDirty(page)) {
      var n = document.getElementById("live-changed");
      if (n) { n.hidden = false; }
      return;
    }
    htmx.ajax("GET", location.pathname, {target: "#complaint-page", select: "#complaint-page", swap: "outerHTML"});
  }
  function intakeDirty() {
    var f = document.getElementById("intake");
    if (!f) { return false; }
    var text = f.querySelector("textarea[name=text]"), ph = f.querySelector("input[name=phone]");
    return (text && text.value.trim() !== "") || (ph && ph.value.trim() !== "");
  }
  function callURL(c) {
    return "/desk?phone=" + encodeURIComponent(c.phone) + "&call=" + encodeURIComponent(c.call_id) + "&received_at=" + encodeURIComponent(c.received_at || "");
  }
  if (body.getAttribute("data-live") === "1" && window.EventSource) {
    var es = new EventSource("/events");
    // Said on the page once the stream is open (the server subscribes
    // before it answers): the browser tests wait for this rather than for
    // a guessed pause before causing a live change.
    es.addEventListener("open", function () { body.setAttribute("data-live-open", "1"); });
    es.addEventListener("complaint", function (m) {
      var ev = {};
      try { ev = JSON.parse(m.data); } catch (err) { return; }
      // Lists and pages that show this complaint refresh themselves.
      htmx.trigger(body, "live");
      var here = location.pathname === "/complaints/" + ev.complaint_id;
      if (!here) { toast(t("updated").replace("%s", ev.number || "")); }
      if (here) { complaintChanged(ev); }
    });
    // A delivery report on this complaint's page: its messages section is
    // fetched again, alone (data-refresh names its own address, with the
    // page view it belongs to). A report that comes while a fetch is on its
    // way asks for one more after it, so the last status is never missed.
    var msgBusy = false, msgAgain = false;
    function refreshMessages() {
      if (msgBusy) { msgAgain = true; return; }
      var sec = document.getElementById("messages");
      if (!sec || !sec.getAttribute("data-refresh")) { return; }
      msgBusy = true;
      var done = function () {
        msgBusy = false;
        if (msgAgain) { msgAgain = false; refreshMessages(); }
      };
      htmx.ajax("GET", sec.getAttribute("data-refresh"), {target: "#messages", swap: "outerHTML"}).then(done, done);
    }
    es.addEventListener("msgstatus", function (m) {
      var ev = {};
      try { ev = JSON.parse(m.data); } catch (err) { return; }
      var here = location.pathname === "/complaints/" + ev.complaint_id;
      if (here && document.getElementById("messages")) { refreshMessages(); }
      // A reply from the citizen or the agency (SMS, WhatsApp, e-mail) is
      // news on the complaint: the queue and the inbox refresh too.
      if (ev.direction === "in") {
        htmx.trigger(body, "live");
        if (!here) { toast(t("updated").replace("%s", ev.number || "")); }
      }
    });
    es.addEventListener("call", function (m) {
      var c = {};
      try { c = JSON.parse(m.data); } catch (err) { return; }
      if (!intakeDirty()) { location.href = callURL(c); return; }
      // Mid-intake: do not throw the typing away; offer the call instead.
      var bar = document.getElementById("callbar");
      bar.textContent = t("call").replace("%s", c.phone) + " ";
      var a = document.createElement("a");
      a.href = callURL(c);
      a.textContent = t("take");
      bar.appendChild(a);
      bar.hidden = false;
      // Then who it is: the caller's name and open complaints, drawn by
      // the server (the number alone says little to the operator).
      var q = callURL(c).replace("/desk?", "/desk/call?");
      htmx.ajax("GET", q, {target: "#callbar", swap: "innerHTML"});
    });
  }
})();

// --- A page answering a form post --------------------------------------------
// A page rendered in answer to a post (the complaint page after a step
// that failed, or after the desk saved and its next step failed) names its
// own address in data-canonical; it goes into the location bar, so that a
// reload reads the page again instead of posting the form twice.
(function () {
  "use strict";
  var el = document.querySelector("[data-canonical]");
  if (!el || !window.history || !history.replaceState) { return; }
  var to = el.getAttribute("data-canonical");
  if (to && location.pathname !== to) { history.replaceState(null, "", to + location.hash); }
})();

// --- SMS length (messages area) ---------------------------------------------
// Counts the parts of an SMS as it is typed, by the rules the server applies
// before sending (internal/channel/sms/count.go): GSM 03.38 with its escape
// characters counting two, else UCS-2; 160/153 septets or 70/67 UTF-16 units
// a part; a two-unit character never split across parts. The element
// <p class="smscount" data-sms-source="ID"> names the textarea it counts;
// data-sms-frame is the whole SMS with {jawaban} where the typed text goes;
// data-sms-vars fills the template variables with the sample values of the
// nearest data-sms-sample; data-sms-crlf counts a line break as the CR LF a
// form sends. The server renders the first count, so this only refreshes it.
(function () {
  "use strict";
  var gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var gsmExt = "\f^{}\\[~]|€";
  function smsCount(text) {
    var chars = Array.from(text), costs = [], gsm = true, i;
    for (i = 0; i < chars.length; i++) {
      if (gsmBasic.indexOf(chars[i]) >= 0) { costs.push(1); }
      else if (gsmExt.indexOf(chars[i]) >= 0) { costs.push(2); }
      else { gsm = false; break; }
    }
    var single = 160, multi = 153, enc = "GSM-7";
    if (!gsm) {
      costs = chars.map(function (c) { return c.length; });
      single = 70; multi = 67; enc = "UCS-2";
    }
    var units = costs.reduce(function (a, b) { return a + b; }, 0);
    if (units <= single) { return { parts: 1, enc: enc, remaining: single - units }; }
    var parts = 1, used = 0;
    costs.forEach(function (k) {
      if (used + k > multi) { parts++; used = 0; }
      used += k;
    });
    return { parts: parts, enc: enc, remaining: multi - used };
  }
  function format(s, args) {
    var i = 0;
    return s.replace(/%[ds]/g, function () { return String(args[i++]); });
  }
  function smsText(out, src) {
    var v = src.value;
    if (out.hasAttribute("data-sms-crlf")) { v = v.replace(/\r?\n/g, "\r\n"); }
    var frame = out.getAttribute("data-sms-frame");
    if (frame) { return frame.split("{jawaban}").join(v); }
    if (out.hasAttribute("data-sms-vars")) {
      var box = out.closest("[data-sms-sample]"), sample = {};
      try { sample = JSON.parse(box.getAttribute("data-sms-sample")); } catch (err) { sample = {}; }
      return v.replace(/\r\n/g, "\n").replace(/\{([^}]*)\}/g, function (m, name) {
        return Object.prototype.hasOwnProperty.call(sample, name) ? sample[name] : m;
      });
    }
    return v;
  }
  function refresh(out) {
    var src = document.getElementById(out.getAttribute("data-sms-source"));
    if (!src) { return; }
    var c = smsCount(smsText(out, src)), max = +out.getAttribute("data-sms-max") || 10;
    var over = c.parts > max;
    out.classList.toggle("over", over);
    out.textContent = over ? format(out.getAttribute("data-t-over"), [c.parts, max]) :
      format(out.getAttribute("data-t-count"), [c.parts, c.enc, c.remaining]);
    out.setAttribute("data-parts", String(c.parts));
  }
  function all() { document.querySelectorAll(".smscount[data-sms-source]").forEach(refresh); }
  document.addEventListener("input", function (e) {
    var id = e.target && e.target.id;
    if (!id) { return; }
    document.querySelectorAll('.smscount[data-sms-source="' + id + '"]').forEach(refresh);
  });
  document.addEventListener("htmx:afterSwap", all);
  all();

  // The template editor's variable buttons insert {name} where the cursor
  // was in the text last edited.
  var lastText = null;
  document.addEventListener("focusin", function (e) {
    if (e.target.tagName === "TEXTAREA" && e.target.closest(".tpls")) { lastText = e.target; }
  });
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-insert]");
    if (!b) { return; }
    var ta = lastText || document.querySelector(".tpls textarea");
    if (!ta) { return; }
    var s = ta.selectionStart, en = ta.selectionEnd;
    ta.setRangeText(b.getAttribute("data-insert"), s, en, "end");
    ta.focus();
    ta.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // The confirmation's "copy the number" button (shown only with the
  // script: it needs the clipboard).
  var copy = document.querySelector("button[data-copy]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var text = document.getElementById(copy.getAttribute("data-copy")).textContent.trim();
      navigator.clipboard.writeText(text).then(function () {
        document.getElementById("copy-status").textContent = copy.getAttribute("data-t-done");
      });
    });
  }

  // The public form's "use my location" button fills the latitude and
  // longitude from the phone's position; without the script (or without
  // permission) the fields are typed or left empty.
  var geo = document.querySelector("button[data-geo]");
  if (geo && navigator.geolocation) {
    geo.hidden = false;
    geo.addEventListener("click", function () {
      var st = document.getElementById("geo-status");
      st.textContent = geo.getAttribute("data-t-wait");
      navigator.geolocation.getCurrentPosition(function (pos) {
        document.getElementById("p-lat").value = pos.coords.latitude.toFixed(6);
        document.getElementById("p-lng").value = pos.coords.longitude.toFixed(6);
        st.textContent = geo.getAttribute("data-t-done");
      }, function () {
        st.textContent = geo.getAttribute("data-t-fail");
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }
})();

// --- Answer library on the desk ----------------------------------------------
// "Pakai" puts a suggested category or agency into its field; "Gunakan
// jawaban ini" puts a library answer (or a past complaint's) into the
// answer field with where it came from, so that the saved complaint names
// the entry that answered it (SOP step 6). Typing an answer over from
// scratch makes it the operator's own again.
(function () {
  "use strict";
  function mark(el) {
    el.classList.remove("filled");
    void el.offsetWidth; // restart the highlight
    el.classList.add("filled");
  }
  document.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("button[data-use-category], button[data-use-agency], button[data-use-answer]") : null;
    var form = document.getElementById("intake");
    if (b && !form && b.hasAttribute("data-use-answer")) { useOnComplaint(b); return; }
    if (!b || !form) { return; }
    e.preventDefault();
    var name = b.hasAttribute("data-use-category") ? "category" : b.hasAttribute("data-use-agency") ? "agency" : "";
    if (name) {
      var sel = form.querySelector('select[name="' + name + '"]');
      if (sel) { sel.value = b.getAttribute("data-use-" + name); mark(sel); }
      if (name === "agency") {
        var fwd = form.querySelector('button[name="next"][value="forward"]');
        if (fwd) { fwd.classList.add("attention"); }
      }
    } else {
      var a = form.querySelector("#f-answer");
      a.value = b.getAttribute("data-answer");
      form.querySelector("#f-source").value = b.getAttribute("data-source");
      form.querySelector("#f-source-ref").value = b.getAttribute("data-ref");
      var note = document.getElementById("answer-source");
      note.textContent = note.getAttribute("data-t").replace("%s", b.getAttribute("data-ref"));
      note.hidden = false;
      var ans = form.querySelector('button[name="next"][value="answer"]');
      if (ans) { ans.classList.add("attention"); }
      mark(a);
    }
    b.classList.add("used");
  });
  // The top suggestions, by a click or Alt+P: the first category and the
  // first agency of the panel go into the form.
  function useTop(onlyEmpty) {
    var form = document.getElementById("intake");
    if (!form) { return; }
    ["category", "agency"].forEach(function (name) {
      var b = document.querySelector("#routing button[data-use-" + name + "]");
      var sel = form.querySelector('select[name="' + name + '"]');
      if (!b || !sel || (onlyEmpty && (sel.value || sel.hasAttribute("data-touched")))) { return; }
      b.click();
    });
  }
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("button[data-use-top]")) { e.preventDefault(); useTop(false); }
  });
  // A choice the operator made by hand is never overwritten by a later
  // suggestion; an empty one is filled when the model is confident.
  document.addEventListener("change", function (e) {
    if (e.isTrusted && e.target.matches && e.target.matches('#intake select[name="category"], #intake select[name="agency"]')) {
      e.target.setAttribute("data-touched", "1");
    }
  });
  document.addEventListener("htmx:afterSwap", function () {
    if (document.querySelector("#routing[data-confident]")) { useTop(true); }
  });
  // On a complaint's page the answer goes into the answer step's form.
  function useOnComplaint(b) {
    var d = document.getElementById("act-answer");
    if (!d) { return; }
    d.open = true;
    var f = d.querySelector("form");
    f.querySelector('textarea[name="answer"]').value = b.getAttribute("data-answer");
    f.querySelector('select[name="source"]').value = b.getAttribute("data-source");
    f.querySelector('input[name="source_ref"]').value = b.getAttribute("data-ref");
    mark(f.querySelector('textarea[name="answer"]'));
    b.classList.add("used");
  }
  document.addEventListener("input", function (e) {
    if (e.target.id !== "f-answer" || e.target.value.trim() !== "") { return; }
    ["f-source", "f-source-ref"].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { el.value = ""; }
    });
    var note = document.getElementById("answer-source");
    if (note) { note.hidden = true; }
  });
})();

// --- Export progress (reports area) ------------------------------------------
// A link a[data-export="ID"] downloads a complaint list (CSV or XLSX). The
// server streams it and records how far it has got under a name the
// client gives (?progress=); this script names the export, lets the
// browser download it in a hidden frame (so the file streams to disk, never
// through script memory) and polls /api/v1/exports/progress/NAME to fill
// the bar in the element ID, until the server says it is finished. Without
// the script the link downloads as it is.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "id";
  function num(n) { return Number(n).toLocaleString(lang); }
  function fill(s, args) {
    var i = 0;
    return s.replace(/%s/g, function () { return String(args[i++]); });
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-export]");
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || !window.fetch) { return; }
    var box = document.getElementById(a.getAttribute("data-export"));
    if (!box) { return; }
    e.preventDefault();
    if (box.classList.contains("running")) { return; } // one export at a time
    start(a.href, box);
  });
  function start(href, box) {
    var id = "e" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    var bar = box.querySelector("progress"), status = box.querySelector(".export-status");
    var t = function (k) { return box.getAttribute("data-t-" + k) || ""; };
    var stopped = false, frame = document.createElement("iframe");
    box.hidden = false;
    box.classList.remove("done", "failed");
    box.classList.add("running");
    box.setAttribute("data-export-id", id);
    bar.removeAttribute("value"); // moving, with no figure yet
    status.textContent = t("start");
    function finish(ok, text) {
      if (stopped) { return; }
      stopped = true;
      box.classList.remove("running");
      box.classList.add(ok ? "done" : "failed");
      status.textContent = text;
      // The frame goes once the browser has surely taken the download.
      setTimeout(function () { frame.remove(); }, 60000);
    }
    frame.hidden = true;
    frame.title = t("start");
    // A download does not load into the frame; a refused export (an error
    // page, which the frame may not even show) does.
    var loaded = false;
    frame.addEventListener("load", function () {
      var u = "";
      try { u = frame.contentWindow.location.href; } catch (err) { u = "refused"; }
      if (u !== "about:blank") { loaded = true; }
    });
    document.body.appendChild(frame);
    frame.src = href + (href.indexOf("?") < 0 ? "?" : "&") + "progress=" + id;
    function poll() {
      if (stopped) { return; }
      fetch("/api/v1/exports/progress/" + id, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
        if (r.status === 404) { return null; } // not started (the count comes first) or refused
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      }).then(function (p) {
        if (stopped) { return; }
        if (!p && loaded) { bar.value = 0; finish(false, t("failed")); return; }
        if (p) {
          bar.value = p.percent;
          if (p.failed) { finish(false, t("failed")); return; }
          if (p.finished) { bar.value = 100; finish(true, fill(t("done"), [num(p.done)])); return; }
          status.textContent = p.total > 0 && p.done >= p.total ? t("assemble") :
            fill(t("rows"), [num(p.done), num(p.total), Number(p.percent).toLocaleString(lang, { maximumFractionDigits: 1 }) + "%"]);
        }
        setTimeout(poll, 500);
      }).catch(function () { setTimeout(poll, 2000); });
    }
    setTimeout(poll, 250);
  }
})();

// --- A form being sent ---------------------------------------------------------
// While a form is sent (POST), its submit buttons are disabled and the one
// pressed shows that it is busy, so that a second click or Ctrl+S does not
// send it again (the server's form token keeps the complaint or step single
// anyway, also without this script). The buttons are disabled only after the
// submit event, since the browser leaves a disabled button's name=value
// (the desk's next=save) out of what it sends; until then the form's busy
// mark refuses a second submit. They are enabled again when the page comes
// back from the back/forward cache, and after a while in any case: a
// navigation stopped by the user (Esc, the stop button) fires no event, and
// buttons that stay dead would cost the typed form.
(function () {
  "use strict";
  var maxBusy = 15000;
  function submitters(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return (el.tagName === "BUTTON" && (el.getAttribute("type") || "submit") === "submit") ||
        (el.tagName === "INPUT" && (el.type === "submit" || el.type === "image"));
    });
  }
  function release(form) {
    if (!form.hasAttribute("data-busy")) { return; }
    clearTimeout(+form.getAttribute("data-busy"));
    form.removeAttribute("data-busy");
    form.removeAttribute("aria-busy");
    submitters(form).forEach(function (b) {
      if (b.hasAttribute("data-busy-disabled")) { b.disabled = false; b.removeAttribute("data-busy-disabled"); }
      b.classList.remove("busy");
    });
  }
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (e.defaultPrevented || !form || (form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
    if (form.hasAttribute("data-busy")) { e.preventDefault(); return; }
    var pressed = e.submitter;
    form.setAttribute("data-busy", String(setTimeout(function () { release(form); }, maxBusy)));
    setTimeout(function () {
      if (e.defaultPrevented) { release(form); return; }
      form.setAttribute("aria-busy", "true");
      submitters(form).forEach(function (b) {
        if (!b.disabled) { b.disabled = true; b.setAttribute("data-busy-disabled", ""); }
      });
      if (pressed) { pressed.classList.add("busy"); }
    }, 0);
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-busy]").forEach(release);
  });
})();
