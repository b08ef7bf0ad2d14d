// The editor's page: send the article to the API, then show it with each quote highlighted in its speaker's
// colour. User text only ever reaches the page through textContent, never as markup.
"use strict";

const PALETTE = ["#ffd54f", "#81d4fa", "#a5d6a7", "#f48fb1", "#ce93d8", "#ffab91", "#80cbc4", "#e6ee9c",
                 "#b0bec5", "#bcaaa4"];
const UNATTRIBUTED = "#e0e0e0";

const form = document.getElementById("extract-form");
const statusLine = document.getElementById("status");
const tooltip = document.getElementById("tooltip");

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function speakerColours(speakers) {
  return new Map(speakers.map((speaker, index) => [speaker.id, PALETTE[index % PALETTE.length]]));
}

// Every span of every quote, in text order, without overlaps (the first one wins)
function highlights(quotes) {
  const spans = quotes.flatMap((quote) => quote.spans.map((span) => ({...span, quote})));
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  let reached = 0;
  for (const span of spans) {
    if (span.start >= reached) {
      kept.push(span);
      reached = span.end;
    }
  }
  return kept;
}

function describe(quote) {
  const cue = quote.cue ? `cue: “${quote.cue.text}” (${quote.cue.lemma})` : "no cue";
  return `${cue} · confidence ${quote.confidence.toFixed(2)} · ${quote.kind}`;
}

function renderArticle(text, quotes, colours) {
  // offsets count code points (Python); JavaScript strings count UTF-16 units, so slice code points
  const chars = Array.from(text);
  const view = document.getElementById("article-view");
  view.replaceChildren();
  let at = 0;
  for (const span of highlights(quotes)) {
    view.append(chars.slice(at, span.start).join(""));
    const quote = span.quote;
    const mark = element("mark", {className: `quote ${quote.kind}`, textContent: chars.slice(span.start, span.end).join("")});
    mark.dataset.quoteId = quote.id;
    mark.dataset.speaker = quote.speaker ? quote.speaker.name : "";
    mark.dataset.tip = describe(quote);
    const colour = quote.speaker ? colours.get(quote.speaker.id) || UNATTRIBUTED : UNATTRIBUTED;
    mark.style.backgroundColor = colour;
    mark.style.borderColor = colour;
    view.append(mark);
    at = span.end;
  }
  view.append(chars.slice(at).join(""));
}

function renderSpeakers(speakers, colours) {
  const list = document.getElementById("speakers");
  list.replaceChildren(...speakers.map((speaker) => {
    const swatch = element("span", {className: "swatch"});
    swatch.style.backgroundColor = colours.get(speaker.id);
    const details = [speaker.role, speaker.affiliation].filter(Boolean).join(", ");
    const count = `${speaker.quote_ids.length} quote${speaker.quote_ids.length === 1 ? "" : "s"}`;
    return element("li", {}, [swatch, element("div", {}, [
      element("span", {className: "speaker-name", textContent: speaker.name}),
      element("span", {className: "speaker-affiliation speaker-detail", textContent: details}),
      element("span", {className: "speaker-detail", textContent: `${speaker.type} · ${count}`}),
    ])]);
  }));
  if (!speakers.length) list.append(element("li", {textContent: "No speakers found."}));
}

async function extract(event) {
  event.preventDefault();
  const source = document.getElementById("article").value;
  const format = form.elements.format.value;
  statusLine.className = "";
  statusLine.textContent = "Reading…";
  try {
    const response = await fetch(form.dataset.apiUrl, {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({[format]: source}),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || `${response.status} ${response.statusText}`);
    const colours = speakerColours(body.speakers);
    renderArticle(body.text ?? source, body.quotes, colours);
    renderSpeakers(body.speakers, colours);
    document.getElementById("results").hidden = false;
    statusLine.textContent = `${body.quotes.length} quotes, ${body.speakers.length} speakers`;
  } catch (error) {
    statusLine.className = "error";
    statusLine.textContent = error.message;
  }
}

function showTooltip(event) {
  const mark = event.target.closest("mark.quote");
  if (!mark) return;
  tooltip.textContent = `${mark.dataset.speaker || "unattributed"} — ${mark.dataset.tip}`;
  // by the pointer: a quote over several lines has a box as wide as the column
  tooltip.style.left = `${event.pageX + 8}px`;
  tooltip.style.top = `${event.pageY + 16}px`;
  tooltip.hidden = false;
}

form.addEventListener("submit", extract);
const view = document.getElementById("article-view");
view.addEventListener("mouseover", showTooltip);
view.addEventListener("mouseout", (event) => { if (event.target.closest("mark.quote")) tooltip.hidden = true; });
