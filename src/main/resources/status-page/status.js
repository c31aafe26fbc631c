// The status page: fetches /status/data once a second with the token as "Authorization: Bearer" and draws it.
// The token comes from the URL fragment (#token=...), which browsers never send to the server, or from the form; it is
// kept in this tab's sessionStorage and removed from the address bar. Data is only ever set as text, never as HTML:
// rejection reasons come from what clients sent.
(function () {
  "use strict";

  var TOKEN_KEY = "txgate.status.token";
  var COLORS = { c1: "#2563eb", c2: "#10b981", c3: "#ef4444", c4: "#f59e0b" };
  var token = null;
  var timer = null;
  var lastData = null;
  // The chart points the page has: the first fetch brings 15 minutes of them, each later one only the newer points
  // (?since=<t of the last one>), so a page left open costs the server a few hundred bytes a second.
  var series = null;
  var SERIES_KEYS = ["t", "transactionsPerSecond", "batchesPerSecond", "rejectedPerSecond", "ackP50Millis",
    "ackP99Millis", "outboxDepth", "clientRepliesPerSecond"];
  var HISTORY_SECONDS = 15 * 60;

  function $(id) { return document.getElementById(id); }

  function text(id, value) { $(id).textContent = value; }

  function takeToken() {
    var match = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function showMessage(message, askForToken) {
    var box = $("message");
    box.textContent = message;
    box.hidden = false;
    $("token-form").hidden = !askForToken;
    if (askForToken) {
      $("server").hidden = true;
      $("client").hidden = true;
    }
  }

  function hideMessage() {
    $("message").hidden = true;
    $("token-form").hidden = true;
  }

  var NEEDS_TOKEN = "This page needs an API token with scope metrics. ";

  function poll() {
    timer = null;
    if (!token) {
      showMessage(NEEDS_TOKEN + "Open it as /status#token=<token>, or enter the token below.", true);
      return;
    }
    var since = series && series.t.length ? "?since=" + series.t[series.t.length - 1] : "";
    fetch("/status/data" + since, { headers: { "Authorization": "Bearer " + token }, cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) {
          forgetToken();
          showMessage(NEEDS_TOKEN + "The server did not accept this token (401): it is not a configured API token.", true);
          return null;
        }
        if (response.status === 403) {
          forgetToken();
          showMessage(NEEDS_TOKEN + "This token is valid but lacks scope metrics (403).", true);
          return null;
        }
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json().then(function (data) {
          hideMessage();
          keepSeries(data.series);
          data.series = series;
          lastData = data;
          render(data);
          schedule();
        });
      })
      .catch(function (failure) {
        $("updated").textContent = "no answer from the server (" + failure.message + "), trying again";
        $("updated").classList.add("stale");
        schedule();
      });
  }

  function keepSeries(update) {
    if (series === null) {
      series = update;
      return;
    }
    SERIES_KEYS.forEach(function (key) {
      series[key] = series[key].concat(update[key]);
    });
    var newest = series.t.length ? series.t[series.t.length - 1] : 0;
    var drop = 0;
    while (drop < series.t.length && series.t[drop] <= newest - HISTORY_SECONDS) drop++;
    if (drop > 0) {
      SERIES_KEYS.forEach(function (key) { series[key] = series[key].slice(drop); });
    }
  }

  function schedule() {
    if (timer === null) {
      timer = setTimeout(poll, 1000);
    }
  }

  function forgetToken() {
    token = null;
    series = null;
    sessionStorage.removeItem(TOKEN_KEY);
  }

  // --- numbers ------------------------------------------------------------------------------------------------------

  function round(value) {
    if (value === null || value === undefined) return "–";
    if (value >= 100) return Math.round(value).toLocaleString("en-US");
    if (value >= 10) return value.toFixed(1);
    return value.toFixed(value === Math.round(value) ? 0 : 2);
  }

  function count(value) {
    return value === null || value === undefined ? "–" : Math.round(value).toLocaleString("en-US");
  }

  function millis(value) {
    if (value === null || value === undefined) return "–";
    return (value < 1 ? value.toFixed(2) : value < 10 ? value.toFixed(1) : Math.round(value).toString()) + " ms";
  }

  function bytes(value) {
    if (value === null || value === undefined) return "–";
    var units = ["B", "KiB", "MiB", "GiB", "TiB"];
    var i = 0;
    while (value >= 1024 && i < units.length - 1) { value /= 1024; i++; }
    return (i === 0 ? value : value.toFixed(value < 10 ? 2 : 1)) + " " + units[i];
  }

  function duration(seconds) {
    seconds = Math.floor(seconds);
    var d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
    var m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    if (d > 0) return d + "d " + h + "h " + m + "m";
    if (h > 0) return h + "h " + m + "m";
    if (m > 0) return m + "m " + s + "s";
    return s + "s";
  }

  function bar(id, used, cap) {
    var fill = $(id);
    var share = cap > 0 ? Math.min(1, used / cap) : 0;
    fill.style.width = (share * 100).toFixed(1) + "%";
    fill.classList.toggle("high", share >= 0.8);
  }

  // --- rendering ----------------------------------------------------------------------------------------------------

  function render(data) {
    text("build", "version " + data.version + " · commit " + data.commit + " · up " + duration(data.uptimeSeconds));
    var updated = $("updated");
    updated.textContent = "updated " + new Date(data.sampledAt).toLocaleTimeString();
    updated.classList.remove("stale");
    if (data.server) renderServer(data.server, data.series);
    if (data.client) renderClient(data.client, data.series);
    $("server").hidden = !data.server;
    $("client").hidden = !data.client;
  }

  function renderServer(server, series) {
    text("tx-rate", round(server.transactionsPerSecond));
    text("tx-total", count(server.transactionsStored) + " stored since start");
    text("batch-rate", round(server.batchesPerSecond));
    text("reject-rate", round(server.rejectedPerSecond) + " rejected / s");
    text("latency", server.ackP50Millis === null ? "–"
        : millis(server.ackP50Millis).replace(" ms", "") + " / " + millis(server.ackP99Millis));
    text("connections", count(server.openConnections) + " / " + count(server.maxConnections));
    bar("connections-bar", server.openConnections, server.maxConnections);
    text("in-flight", count(server.framesInFlight) + " frames waiting for their reply");
    text("queue", count(server.queuedRows) + " rows");
    bar("queue-bar", server.queuedRows, server.maxQueuedRows);
    text("groups", "commit group: " + (server.commitGroupMean === null ? "–" : server.commitGroupMean.toFixed(1))
        + " batches on average, " + round(server.commitGroupMax) + " at most");
    text("store-size", server.storeBytes === null ? "PostgreSQL" : bytes(server.storeBytes));
    text("disk-free", server.freeDiskBytes === null ? "size and disk: see the database server"
        : bytes(server.freeDiskBytes) + " free on its disk");
    fillReplies("replies", server.replies);
    fillRejections(server.rejections);
    fillIdentities(server.identityCount, server.identities);
    // Transactions and batches on charts of their own: batches of 100 would put one line at 1% of the other's height.
    chart($("chart-throughput"), series.t, [{ values: series.transactionsPerSecond, color: COLORS.c1 }]);
    chart($("chart-batches"), series.t, [
      { values: series.batchesPerSecond, color: COLORS.c2 },
      { values: series.rejectedPerSecond, color: COLORS.c3 }]);
    chart($("chart-latency"), series.t, [
      { values: series.ackP50Millis, color: COLORS.c1 },
      { values: series.ackP99Millis, color: COLORS.c4 }]);
  }

  function renderClient(client, series) {
    text("outbox-depth", count(client.outboxDepth));
    text("outbox-age", client.outboxDepth > 0 ? duration(client.oldestAgeSeconds) : "–");
    text("outbox-rejected", count(client.rejectedBatches));
    text("client-sent", round(client.sentPerSecond));
    fillReplies("client-replies", client.replies);
    chart($("chart-outbox"), series.t, [
      { values: series.outboxDepth, color: COLORS.c1 },
      { values: series.clientRepliesPerSecond, color: COLORS.c2 }]);
  }

  function row(cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (cell) {
      var td = document.createElement("td");
      td.textContent = cell.text;
      if (cell.className) td.className = cell.className;
      tr.appendChild(td);
    });
    return tr;
  }

  function fillReplies(id, replies) {
    var body = $(id);
    body.replaceChildren();
    if (replies.length === 0) {
      body.appendChild(row([{ text: "no replies yet", className: "muted" }, { text: "" }, { text: "" }, { text: "" }]));
    }
    replies.forEach(function (reply) {
      var style = reply.status === "REJECTED" ? "rejected" : "";
      body.appendChild(row([{ text: reply.status, className: style }, { text: reply.code },
        { text: count(reply.total), className: "num" }, { text: round(reply.perSecond), className: "num" }]));
    });
  }

  function fillRejections(rejections) {
    var body = $("rejections");
    body.replaceChildren();
    if (rejections.length === 0) {
      body.appendChild(row([{ text: "none since start", className: "muted" }, { text: "" }, { text: "" }, { text: "" }]));
    }
    rejections.forEach(function (rejection) {
      body.appendChild(row([{ text: new Date(rejection.at).toLocaleTimeString() }, { text: rejection.connectionId },
        { text: rejection.code, className: "rejected" }, { text: rejection.message, className: "reason" }]));
    });
  }

  function fillIdentities(total, identities) {
    $("identities-panel").hidden = total === 0;
    text("identity-count", total > identities.length
        ? "(" + identities.length + " busiest of " + count(total) + ")" : "(mutual TLS)");
    var body = $("identities");
    body.replaceChildren();
    identities.forEach(function (identity) {
      body.appendChild(row([{ text: identity.subject }, { text: count(identity.connections), className: "num" }]));
    });
  }

  // --- a small line chart on a canvas -------------------------------------------------------------------------------

  function niceMax(value) {
    if (!(value > 0)) return 1;
    var power = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (value <= steps[i] * power) return steps[i] * power;
    }
    return 10 * power;
  }

  function label(value) {
    if (value >= 1e6) return (value / 1e6) + "M";
    if (value >= 1e3) return (value / 1e3) + "k";
    return String(Math.round(value * 100) / 100);
  }

  function chart(canvas, times, lines) {
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth, height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    var g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    var left = 44, right = 8, top = 8, bottom = 20;
    var plotW = width - left - right, plotH = height - top - bottom;
    var now = times.length ? times[times.length - 1] : 0;
    var span = 15 * 60;
    var max = 0;
    lines.forEach(function (line) {
      line.values.forEach(function (v) { if (v !== null && v > max) max = v; });
    });
    max = niceMax(max);

    g.font = "11px system-ui, sans-serif";
    g.fillStyle = "#6b7280";
    g.strokeStyle = "#e3e6eb";
    g.lineWidth = 1;
    g.textAlign = "right";
    g.textBaseline = "middle";
    for (var i = 0; i <= 4; i++) {
      var y = top + plotH - plotH * i / 4;
      g.beginPath(); g.moveTo(left, Math.round(y) + 0.5); g.lineTo(left + plotW, Math.round(y) + 0.5); g.stroke();
      g.fillText(label(max * i / 4), left - 6, y);
    }
    g.textAlign = "center";
    g.textBaseline = "top";
    [15, 10, 5, 0].forEach(function (minutes) {
      var x = left + plotW * (1 - minutes * 60 / span);
      g.fillText(minutes === 0 ? "now" : "-" + minutes + " min", Math.min(x, left + plotW - 12), top + plotH + 5);
    });

    lines.forEach(function (line) {
      g.strokeStyle = line.color;
      g.lineWidth = 1.75;
      g.lineJoin = "round";
      g.beginPath();
      var drawing = false;
      for (var k = 0; k < times.length; k++) {
        var v = line.values[k];
        if (v === null || v === undefined) { drawing = false; continue; }
        var x = left + plotW * (1 - (now - times[k]) / span);
        var y = top + plotH - plotH * Math.min(v, max) / max;
        if (drawing) g.lineTo(x, y); else g.moveTo(x, y);
        drawing = true;
      }
      g.stroke();
    });
  }

  window.addEventListener("resize", function () { if (lastData) render(lastData); });

  $("token-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var entered = $("token-input").value.trim();
    $("token-input").value = "";
    if (entered) {
      sessionStorage.setItem(TOKEN_KEY, entered);
      token = entered;
      if (timer !== null) { clearTimeout(timer); timer = null; }
      poll();
    }
  });

  // A new #token=... on the open page is a navigation within it, which does not load the script again.
  window.addEventListener("hashchange", function () {
    var taken = takeToken();
    if (taken && taken !== token) {
      token = taken;
      if (timer !== null) { clearTimeout(timer); timer = null; }
      poll();
    }
  });

  token = takeToken();
  poll();
})();
