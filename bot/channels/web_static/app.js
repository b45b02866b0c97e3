// linli's web chat: uses only the documented JSON API (README "Web chat"). Every text is put in
// the page with textContent, never as HTML.
(function () {
  "use strict";
  var S = JSON.parse(document.body.getAttribute("data-strings") || "{}");
  var log = document.getElementById("log"), chips = document.getElementById("chips");
  var input = document.getElementById("text"), form = document.getElementById("composer");
  var statusEl = document.getElementById("status"), locBtn = document.getElementById("loc");
  var photo = document.getElementById("photo");
  var lastId = 0, seen = {}, composing = false, ws = null, polling = false, wsFailures = 0;
  document.getElementById("send").textContent = S.send || "Send";
  input.placeholder = S.placeholder || "";
  locBtn.title = S.location || ""; locBtn.setAttribute("aria-label", S.location || "");
  var photoLabel = document.getElementById("photo-label");
  photoLabel.title = S.photo || ""; photoLabel.setAttribute("aria-label", S.photo || "");
  // The server chose the page's language (?lang=, else the browser's Accept-Language).
  var lang = document.documentElement.lang.indexOf("en") === 0 ? "en" : "zh";
  var params = new URLSearchParams(location.search);

  function status(text) { statusEl.textContent = text || ""; }
  function cid() { return Date.now().toString(36) + Math.random().toString(36).slice(2, 10); }

  function notice(text) {
    var p = document.createElement("p"); p.className = "notice"; p.textContent = text;
    log.appendChild(p); log.scrollTop = log.scrollHeight;
  }

  function api(path, body) {
    return fetch(path, { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}) })
      .then(function (r) {
        if (r.ok) { return r.json(); }
        return r.json().catch(function () { return {}; }).then(function (e) {
          notice(e.message || ("HTTP " + r.status)); throw new Error(e.error || r.status);
        });
      });
  }

  function render(m) {
    if (m.edit_of && seen[m.edit_of]) { seen[m.edit_of].remove(); }
    if (seen[m.id]) { return; }
    var row = document.createElement("div"); row.className = "msg " + (m.from === "me" ? "me" : "bot");
    row.setAttribute("data-id", m.id);
    var b = document.createElement("div"); b.className = "bubble"; b.textContent = m.text || "";
    if (m.photo) { var img = document.createElement("img"); img.src = m.photo; img.alt = ""; b.appendChild(img); }
    if (m.document) {
      var a = document.createElement("a"); a.href = m.document.url; a.setAttribute("download", "");
      a.textContent = "\n" + (S.document || "{name}").replace("{name}", m.document.name); b.appendChild(a);
    }
    row.appendChild(b); log.appendChild(row); seen[m.id] = row;
    lastId = Math.max(lastId, m.id);
    if (m.from === "bot") { showChips(m); }
    log.scrollTop = log.scrollHeight;
  }

  function chip(label, cls, onClick) {
    var c = document.createElement("button"); c.type = "button"; c.className = "chip" + (cls ? " " + cls : "");
    c.textContent = label; c.addEventListener("click", onClick); chips.appendChild(c); return c;
  }

  function showChips(m) {
    chips.textContent = "";
    (m.buttons || []).forEach(function (row) {
      row.forEach(function (btn) {
        chip(btn.label, "", function () {
          chips.textContent = "";
          api("/api/press", { payload: btn.payload, client_id: cid() }).catch(function () { showChips(m); });
        });
      });
    });
    if (m.request_location) { chip(S.location || "", "special", shareLocation); }
    if (m.request_contact) { chip(S.phone || "", "special", askPhone); }
  }

  function askPhone() {
    var phone = window.prompt(S.phone_prompt || "");
    if (phone) { api("/api/contact", { phone: phone, client_id: cid() }).catch(function () {}); }
  }

  function shareLocation() {
    if (!navigator.geolocation) { notice(S.no_location); return; }
    status(S.locating);
    navigator.geolocation.getCurrentPosition(function (pos) {
      status("");
      api("/api/location", { latitude: pos.coords.latitude, longitude: pos.coords.longitude, client_id: cid() }).catch(function () {});
    }, function () { status(""); notice(S.no_location); }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }

  function send() {
    var text = input.value.trim();
    if (!text) { return; }
    input.value = ""; autosize();
    api("/api/send", { text: text, client_id: cid() }).catch(function () { input.value = text; });
  }

  // Enter sends, unless the Chinese input method is composing (its Enter picks the characters).
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { setTimeout(function () { composing = false; }, 0); });
  input.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || e.shiftKey) { return; }
    if (composing || e.isComposing || e.keyCode === 229) { return; }
    e.preventDefault(); send();
  });
  function autosize() { input.style.height = "auto"; input.style.height = Math.min(input.scrollHeight, 160) + "px"; }
  input.addEventListener("input", autosize);
  form.addEventListener("submit", function (e) { e.preventDefault(); send(); });
  locBtn.addEventListener("click", shareLocation);
  photo.addEventListener("change", function () {
    var f = photo.files && photo.files[0]; photo.value = "";
    if (!f) { return; }
    if (["image/jpeg", "image/png", "image/webp"].indexOf(f.type) < 0) { notice(S["err.photo_type"]); return; }
    var fd = new FormData(); fd.append("photo", f, f.name); fd.append("client_id", cid());
    fetch("/api/photo", { method: "POST", credentials: "same-origin", body: fd }).then(function (r) {
      if (!r.ok) { r.json().then(function (e) { notice(e.message); }).catch(function () {}); }
    });
  });

  // Receiving: a WebSocket, else (a proxy that blocks it) the long poll; both resume after lastId.
  function connect() {
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/api/ws?after=" + lastId;
    var opened = false;
    try { ws = new WebSocket(url); } catch (e) { poll(); return; }
    ws.onopen = function () { opened = true; wsFailures = 0; status(""); };
    ws.onmessage = function (ev) {
      var data = JSON.parse(ev.data); if (data.type === "message") { render(data.message); }
    };
    ws.onclose = function () {
      ws = null; status(S.offline);
      if (!opened) { wsFailures += 1; }
      if (wsFailures >= 2) { poll(); } else { setTimeout(connect, 1500); }
    };
  }

  function poll() {
    if (polling) { return; }
    polling = true;
    (function next() {
      fetch("/api/messages?wait=25&after=" + lastId, { credentials: "same-origin" })
        .then(function (r) {
          if (r.status === 401) { r.json().then(function (e) { notice(e.message); }); throw new Error("gone"); }
          if (!r.ok) { throw new Error(r.status); }
          return r.json();
        })
        .then(function (d) { status(""); d.messages.forEach(render); next(); })
        .catch(function (e) { status(S.offline); if (e.message !== "gone") { setTimeout(next, 3000); } });
    })();
  }

  status(S.connecting);
  var start = params.get("start");
  var body = { locale: lang };
  if (start) { body.start = start; }
  api("/api/session", body).then(function () {
    if (start) { params.delete("start"); history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : "")); }
    return fetch("/api/messages?after=0", { credentials: "same-origin" }).then(function (r) { return r.json(); });
  }).then(function (d) {
    (d.messages || []).forEach(render); status(""); connect();
  }).catch(function () { status(S.offline); });
})();
