"""The press board for the office's wall screen (`GET /press/board`): one page, large Turkish text, today's
important news with its tone, refreshed every minute.

The page itself holds no news: it is the same for everyone and needs no sign-in. Its script reads
`GET /api/v1/press/board` as one of two callers:
- a wall screen, with the screen key made for it (`gateway-admin create-screen`, see `screens.py`): the
  address `/press/board#ekran=<key>` opened once; the script keeps the key in the browser's localStorage
  (so the screen survives a restart), drops it from the address bar and sends `Authorization: Screen`;
  a revoked key shows the sign-in form again;
- otherwise a staff member signed in on the page (the refresh token in the tab's sessionStorage, so a
  reload keeps it signed in and closing the browser ends it).
The board's items (what the office flagged, and the tone it judged) stay behind one or the other.
"""
import base64
import hashlib

from werkzeug.wrappers import Response

STYLE = """
body { margin: 0; background: #0b1f33; color: #fff; font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
header { display: flex; justify-content: space-between; align-items: baseline; padding: 2vh 3vw;
         border-bottom: 0.5vh solid #f2b705; }
h1 { font-size: 5vh; margin: 0; }
#clock { font-size: 6vh; font-variant-numeric: tabular-nums; }
main { padding: 1vh 3vw; }
ol { list-style: none; margin: 0; padding: 0; }
li { display: grid; grid-template-columns: 11vw 1fr 17vw; gap: 2vw; align-items: center; padding: 2vh 0;
     border-bottom: 1px solid #24415f; font-size: 4.2vh; }
.time { color: #f2b705; font-size: 4.6vh; font-variant-numeric: tabular-nums; }
.title { font-weight: bold; }
.outlet { display: block; font-size: 3vh; font-weight: normal; color: #b8c7d9; }
.tone { text-align: center; border-radius: 1vh; padding: 1vh; font-size: 3.4vh; }
.tone-lehte { background: #1e7b34; }
.tone-aleyhte { background: #b3261e; }
.tone-tarafsiz { background: #55677a; }
.tone-none { border: 0.3vh dashed #b8c7d9; }
#empty { font-size: 4vh; color: #b8c7d9; }
#sign-in { font-size: 3vh; display: grid; gap: 1.5vh; max-width: 40vw; margin: 6vh auto; }
#sign-in input, #sign-in button { font-size: 3vh; padding: 1vh; }
footer { font-size: 2.4vh; color: #b8c7d9; padding: 1vh 3vw; }
"""

SCRIPT = """
"use strict";
const REFRESH_KEY = "basin-panosu-yenileme";
const SCREEN_KEY = "basin-panosu-ekran";
const EVERY_MS = 60000;
const $ = (id) => document.getElementById(id);
let access = null;

function screenKey() {
  const given = new URLSearchParams(location.hash.slice(1)).get("ekran");
  if (given) {
    localStorage.setItem(SCREEN_KEY, given);
    history.replaceState(null, "", location.pathname);
  }
  return localStorage.getItem(SCREEN_KEY);
}

function status(text) { $("status").textContent = text; }

async function post(path, body) {
  const answer = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json"},
                                    body: JSON.stringify(body)});
  if (!answer.ok) throw new Error("HTTP " + answer.status);
  return answer.json();
}

function keep(tokens) {
  access = tokens.access_token;
  sessionStorage.setItem(REFRESH_KEY, tokens.refresh_token);
}

async function renew() {
  const refresh = sessionStorage.getItem(REFRESH_KEY);
  if (!refresh) return false;
  try {
    keep(await post("/api/v1/auth/refresh", {refresh_token: refresh}));
    return true;
  } catch (error) {
    sessionStorage.removeItem(REFRESH_KEY);
    return false;
  }
}

async function board() {
  const screen = screenKey();
  if (screen) {
    const answer = await fetch("/api/v1/press/board", {headers: {"Authorization": "Screen " + screen}});
    if (answer.status === 401) {
      localStorage.removeItem(SCREEN_KEY);
    } else {
      if (!answer.ok) throw new Error("HTTP " + answer.status);
      return (await answer.json()).items;
    }
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!access && !(await renew())) return null;
    const answer = await fetch("/api/v1/press/board", {headers: {"Authorization": "Bearer " + access}});
    if (answer.status === 401) { access = null; continue; }
    if (!answer.ok) throw new Error("HTTP " + answer.status);
    return (await answer.json()).items;
  }
  return null;
}

function cell(tag, className, text) {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = text;
  return element;
}

function show(items) {
  const rows = items.map((item) => {
    const row = document.createElement("li");
    const title = cell("span", "title", item.title);
    title.append(cell("span", "outlet", item.outlet));
    row.append(cell("span", "time", item.local_time), title,
               cell("span", "tone tone-" + (item.tone || "none"), item.tone_label));
    return row;
  });
  $("items").replaceChildren(...rows);
  $("empty").hidden = items.length > 0;
}

async function update() {
  try {
    const items = await board();
    if (items === null) {
      $("sign-in").hidden = false;
      status("Panoyu göstermek için bir personel hesabıyla giriş yapın.");
      return;
    }
    $("sign-in").hidden = true;
    show(items);
    status("Son güncelleme " + new Date().toLocaleTimeString("tr-TR", {hour: "2-digit", minute: "2-digit"})
           + " · her dakika yenilenir");
  } catch (error) {
    status("Pano güncellenemedi (" + error.message + "); bir dakika sonra yeniden denenecek.");
  }
}

$("sign-in").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    keep(await post("/api/v1/auth/sign-in", {username: $("username").value, password: $("password").value}));
    $("password").value = "";
    await update();
  } catch (error) {
    status("Giriş yapılamadı: kullanıcı adını ve parolayı denetleyin.");
  }
});

function tick() {
  $("clock").textContent = new Date().toLocaleTimeString("tr-TR", {hour: "2-digit", minute: "2-digit",
                                                                   timeZone: "Europe/Istanbul"});
}

tick();
setInterval(tick, 5000);
update();
setInterval(update, EVERY_MS);
"""

PAGE = f"""<!doctype html>
<html lang="tr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="3600">
<title>Basın Panosu — Gaziemir Belediyesi</title>
<style>{STYLE}</style></head>
<body>
<header><h1>Basın Panosu · Bugünün önemli haberleri</h1><div id="clock"></div></header>
<main>
<form id="sign-in" hidden>
<label for="username">Kullanıcı adı</label><input id="username" autocomplete="username" required>
<label for="password">Parola</label><input id="password" type="password" autocomplete="current-password" required>
<button type="submit">Panoyu aç</button>
</form>
<ol id="items"></ol>
<p id="empty" hidden>Bugün önemli olarak işaretlenmiş haber yok.</p>
</main>
<footer id="status">Yükleniyor…</footer>
<script>{SCRIPT}</script>
</body></html>"""


def _sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


# only this page's own script and style run, it talks only to this gateway, and nobody frames it
HEADERS = {
    "Content-Security-Policy": f"default-src 'none'; script-src {_sha256(SCRIPT)}; style-src {_sha256(STYLE)}; "
                               "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
}


def page():
    return Response(PAGE, mimetype="text/html", headers=HEADERS)
