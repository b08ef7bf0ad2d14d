// The desk view: recent articles, a speaker's quotes, and the alarms with their class (`meaning` changes first)
// and the changed words marked (<del> in the earlier version, <ins> in the later). Text reaches the page only
// through textContent.
"use strict";

const desk = document.getElementById("desk");

function node(tag, properties = {}, children = []) {
  const made = Object.assign(document.createElement(tag), properties);
  made.append(...children);
  return made;
}

async function getJSON(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || `${response.status} ${response.statusText}`);
  return body;
}

// The quote's text with its changed words (character ranges from the API) wrapped in `tag`; offsets count
// code points, as Python does
function marked(text, changed, tag) {
  const chars = Array.from(text);
  const pieces = [];
  let at = 0;
  for (const range of changed) {
    pieces.push(chars.slice(at, range.start).join(""));
    pieces.push(node(tag, {className: "changed", textContent: chars.slice(range.start, range.end).join("")}));
    at = range.end;
  }
  pieces.push(chars.slice(at).join(""));
  return node("q", {}, pieces);
}

function renderAlert(alert) {
  const [earlier, later] = alert.versions;
  const version = (quote, tag) => node("div", {className: "version"}, [
    node("span", {className: "version-article", textContent: `${quote.article_id} · ${quote.quote_id}`}),
    marked(quote.text, quote.changed, tag),
  ]);
  const label = alert.type === "misattributed" ? "misattributed" : alert.class;
  return node("li", {className: `alert alert-${label}`}, [
    node("span", {className: "alert-class", textContent: label}),
    node("span", {className: "alert-speaker", textContent: alert.speaker || "unattributed"}),
    version(earlier, "del"),
    version(later, "ins"),
  ]);
}

async function refreshDesk() {
  const [articles, alerts] = await Promise.all([getJSON(`${desk.dataset.articlesUrl}?limit=10`),
                                                getJSON(`${desk.dataset.alertsUrl}?limit=20`)]);
  document.getElementById("desk-articles").replaceChildren(...articles.articles.map((article) => node("li", {}, [
    node("span", {className: "article-id", textContent: article.id}),
    node("span", {className: "speaker-detail",
                  textContent: `${article.source || "no source"} · ${article.quote_count} quotes`}),
  ])));
  // an alert that changes the claim comes first; the rest keep the API's order (newest first)
  const ordered = [...alerts.alerts].sort((a, b) => (b.class === "meaning") - (a.class === "meaning"));
  document.getElementById("desk-alerts").replaceChildren(...ordered.map(renderAlert));
}

async function showSpeaker(speaker) {
  const detail = await getJSON(`${desk.dataset.speakersUrl}/${speaker.id}?limit=50`);
  const facts = [detail.roles.join(", "), detail.affiliations.join(", "),
                 `${detail.quote_count} quotes in ${detail.article_count} articles`].filter(Boolean).join(" · ");
  document.getElementById("speaker-quotes").replaceChildren(
    node("li", {className: "speaker-facts", textContent: `${detail.name}: ${facts}`}),
    ...detail.quotes.map((quote) => node("li", {className: "speaker-quote"}, [
      node("q", {textContent: quote.text}),
      node("span", {className: "speaker-detail", textContent: quote.article_id}),
    ])));
}

async function findSpeakers(event) {
  event.preventDefault();
  const query = document.getElementById("speaker-query").value;
  const found = await getJSON(`${desk.dataset.speakersUrl}?q=${encodeURIComponent(query)}`);
  document.getElementById("desk-speakers").replaceChildren(...found.speakers.map((speaker) => node("li", {}, [
    node("button", {type: "button", className: "speaker-pick", textContent: speaker.name,
                    onclick: () => showSpeaker(speaker)}),
  ])));
  if (found.speakers.length === 1) await showSpeaker(found.speakers[0]);
}

document.getElementById("desk-refresh").addEventListener("click", refreshDesk);
document.getElementById("speaker-form").addEventListener("submit", findSpeakers);
refreshDesk();
