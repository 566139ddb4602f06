/* Referat chat widget: <referat-chat>, a framework-free web component.
 *
 * Embed:  <script src="https://host/widget.js" data-api="https://host" data-lang="da"></script>
 *         <referat-chat></referat-chat>
 * Attributes on <referat-chat>: api (base URL), api-key (sent as Bearer token),
 * lang (da | no | en), full (fill the parent, for the chat page).
 * When the API answers 401, the widget asks the user for a key and keeps it in
 * sessionStorage (this tab, until it closes), never in localStorage or a cookie.
 *
 * Minutes text is data, never markup: everything from the API reaches the DOM through
 * textContent / createTextNode only.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const SCRIPT_API = script ? script.dataset.api || new URL(script.src, location.href).origin : "";
  const SCRIPT_LANG = script && script.dataset.lang;
  const SCRIPT_KEY = script && script.dataset.apiKey;
  const HISTORY_TURNS = 4;

  const STRINGS = {
    da: {
      title: "Referat", subtitle: "Spørg til mødereferaterne", language: "Sprog",
      newChat: "Ny samtale", filters: "Afgræns søgningen", body: "Udvalg", allBodies: "Alle udvalg",
      dateFrom: "Fra dato", dateTo: "Til dato", questionLabel: "Dit spørgsmål",
      placeholder: "F.eks. Hvad blev der besluttet om miljøledelse?", send: "Send",
      hint: "Enter sender · Shift+Enter giver ny linje",
      intro: "Stil et spørgsmål om beslutninger, sager og møder. Hvert svar henviser til det præcise punkt i referatet.",
      you: "Spørgsmål", answer: "Svar", searching: "Søger i referaterne …", sources: "Kilder",
      item: "pkt.", itemLong: "punkt", caseNo: "Sag", closed: "Lukket punkt", page: "side",
      place: "Mødested", copy: "Kopiér med kilder", copied: "Kopieret til udklipsholderen",
      copyFailed: "Kunne ikke kopiere", close: "Luk", loading: "Henter punktet …",
      openSource: "Åbn kilde", original: "Åbn det originale dokument",
      flagged: "Bemærk: dele af svaret kunne ikke efterprøves mod kilderne.",
      networkError: "Referat kunne ikke kontaktes. Prøv igen om lidt.",
      httpError: "Der opstod en fejl", quoteNotFound: "Citatet kunne ikke findes ordret i punktet.",
      dateFormat: "dd-mm-åååå", pickDate: "Vælg dato i kalender",
      badDate: "Skriv datoen som dd-mm-åååå, f.eks. 16-01-2020.", room: "lokale",
      keyNeeded: "Arkivet kræver en adgangsnøgle. Indtast den nøgle, du har fået af administratoren.",
      keyRefused: "Nøglen blev ikke godkendt. Tjek at den er skrevet rigtigt, eller bed administratoren om en ny.",
      keyLabel: "Adgangsnøgle", keyUse: "Brug nøglen", keyForget: "Glem nøglen",
      keyNote: "Nøglen gemmes kun i dette browservindue, indtil det lukkes. Administratoren laver en med: referat keys create NAVN --scope read",
      follow: "Følg dette spørgsmål", following: "Du følger spørgsmålet. Nye punkter, der svarer på det, kommer i dette feed (til en feedlæser eller Outlook):",
      feed: "Feed (Atom)", feedNote: "Linket er personligt: del det ikke.",
    },
    no: {
      title: "Referat", subtitle: "Spør om møtebøkene", language: "Språk",
      newChat: "Ny samtale", filters: "Avgrens søket", body: "Utvalg", allBodies: "Alle utvalg",
      dateFrom: "Fra dato", dateTo: "Til dato", questionLabel: "Ditt spørsmål",
      placeholder: "F.eks. Hva ble vedtatt om utviklingsfondet?", send: "Send",
      hint: "Enter sender · Shift+Enter gir ny linje",
      intro: "Still et spørsmål om vedtak, saker og møter. Hvert svar viser til den nøyaktige saken i møteboken.",
      you: "Spørsmål", answer: "Svar", searching: "Søker i møtebøkene …", sources: "Kilder",
      item: "sak", itemLong: "sak", caseNo: "Saksnr.", closed: "Unntatt offentlighet", page: "side",
      place: "Møtested", copy: "Kopier med kilder", copied: "Kopiert til utklippstavlen",
      copyFailed: "Kunne ikke kopiere", close: "Lukk", loading: "Henter saken …",
      openSource: "Åpne kilde", original: "Åpne originaldokumentet",
      flagged: "Merk: deler av svaret kunne ikke kontrolleres mot kildene.",
      networkError: "Fikk ikke kontakt med Referat. Prøv igjen om litt.",
      httpError: "Det oppstod en feil", quoteNotFound: "Sitatet ble ikke funnet ordrett i saken.",
      dateFormat: "dd-mm-åååå", pickDate: "Velg dato i kalender",
      badDate: "Skriv datoen som dd-mm-åååå, f.eks. 16-01-2020.", room: "rom",
      keyNeeded: "Arkivet krever en tilgangsnøkkel. Skriv inn nøkkelen du har fått av administratoren.",
      keyRefused: "Nøkkelen ble ikke godtatt. Sjekk at den er skrevet riktig, eller be administratoren om en ny.",
      keyLabel: "Tilgangsnøkkel", keyUse: "Bruk nøkkelen", keyForget: "Glem nøkkelen",
      keyNote: "Nøkkelen lagres bare i dette nettleservinduet til det lukkes. Administratoren lager en med: referat keys create NAVN --scope read",
      follow: "Følg dette spørsmålet", following: "Du følger spørsmålet. Nye saker som svarer på det, kommer i denne feeden (til en feedleser eller Outlook):",
      feed: "Feed (Atom)", feedNote: "Lenken er personlig: ikke del den.",
    },
    en: {
      title: "Referat", subtitle: "Ask the meeting minutes", language: "Language",
      newChat: "New conversation", filters: "Narrow the search", body: "Committee",
      allBodies: "All committees", dateFrom: "From", dateTo: "To", questionLabel: "Your question",
      placeholder: "E.g. What was decided about environmental management?", send: "Send",
      hint: "Enter sends · Shift+Enter adds a new line",
      intro: "Ask about decisions, cases and meetings. Every answer points to the exact agenda item in the minutes.",
      you: "Question", answer: "Answer", searching: "Searching the minutes …", sources: "Sources",
      item: "item", itemLong: "item", caseNo: "Case", closed: "Closed item", page: "page",
      place: "Place", copy: "Copy with sources", copied: "Copied to the clipboard",
      copyFailed: "Could not copy", close: "Close", loading: "Loading the item …",
      openSource: "Open source", original: "Open the original document",
      flagged: "Note: parts of this answer could not be checked against the sources.",
      networkError: "Could not reach Referat. Please try again shortly.",
      httpError: "Something went wrong", quoteNotFound: "The quote was not found verbatim in the item.",
      dateFormat: "dd-mm-yyyy", pickDate: "Pick a date from a calendar",
      badDate: "Write the date as dd-mm-yyyy, e.g. 16-01-2020.", room: "room",
      keyNeeded: "This archive needs an access key. Enter the key your administrator gave you.",
      keyRefused: "The key was not accepted. Check that it is typed correctly, or ask your administrator for a new one.",
      keyLabel: "Access key", keyUse: "Use the key", keyForget: "Forget the key",
      keyNote: "The key is kept only in this browser window until it closes. An administrator makes one with: referat keys create NAME --scope read",
      follow: "Follow this question", following: "You follow this question. New items that answer it arrive in this feed (for a feed reader or Outlook):",
      feed: "Feed (Atom)", feedNote: "The link is personal: do not share it.",
    },
  };
  const LANG_NAMES = { da: "Dansk", no: "Norsk", en: "English" };
  // what the widget sends as Accept-Language (and puts in lang attributes)
  const LANG_TAGS = { da: "da", no: "nb", en: "en" };
  const NARROW = 560; // px: below this the filters start folded away

  const normLang = (v) => {
    v = (v || "").toLowerCase();
    if (v.startsWith("nb") || v.startsWith("nn") || v.startsWith("no")) return "no";
    return v.startsWith("en") ? "en" : "da";
  };

  /* "2024-04-10" -> "10-04-2024", as the answers write dates */
  const fmtDate = (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? `${m[3]}-${m[2]}-${m[1]}` : iso || "";
  };

  /* What a person types in a date field -> "YYYY-MM-DD"; null when it is no real date.
   * Day first (16-01-2020, 16.1.2020, 16/01/2020) or ISO (2020-01-16). */
  const parseDate = (text) => {
    const s = (text || "").trim();
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    const [y, mo, d] = m ? [m[1], m[2], m[3]]
      : (m = /^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4})$/.exec(s)) ? [m[3], m[2], m[1]] : [];
    if (!y) return null;
    const date = new Date(Date.UTC(+y, +mo - 1, +d));
    const real = date.getUTCFullYear() === +y && date.getUTCMonth() === +mo - 1
      && date.getUTCDate() === +d; // not 31-02-2024
    if (!real) return null;
    return `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
  };

  /* A meeting place as the minutes give it; a bare number is a room ("Mødested 915"). */
  const fmtPlace = (place, t) => (/^\d+[A-Za-z]?$/.test(place) ? `${t.room} ${place}` : place);

  /* An error from the API with its HTTP status (0: no answer at all). */
  class HttpError extends Error {
    constructor(message, status) { super(message); this.status = status; }
  }

  const SVG = "http://www.w3.org/2000/svg";
  function calendarIcon() {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 0h2v2h4V0h2v2h2a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H2a2 2 0 0 1-2-2V4"
      + "a2 2 0 0 1 2-2h2zM2 6v8h12V6zm2 2h3v3H4z");
    svg.append(path);
    return svg;
  }

  const oneLine = (s) => (s || "").replace(/\s+/g, " ").trim();

  /* Small DOM builder: props set as properties (never innerHTML), children as nodes/strings. */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (k.startsWith("aria-") || k.startsWith("data-") || k === "role" || k === "for")
        el.setAttribute(k, v === true ? "" : v);
      else el[k] = v;
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return el;
  }

  /* Server-Sent Events from a fetch response body: yields {event, data}. */
  async function* readEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    const parse = (block) => {
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      return data.length ? { event, data: data.join("\n") } : null;
    };
    for (;;) {
      const { value, done } = await reader.read();
      buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
      buffer = buffer.replace(/\r\n|\r(?=.)/g, "\n");
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const ev = parse(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (ev) yield ev;
      }
      if (done) break;
    }
    const last = parse(buffer.trim());
    if (last) yield last;
  }

  /* Ranges [start, end) of `quote` in `text`, ignoring differences in whitespace; a quote
   * shortened with "…" is matched piece by piece. */
  function findQuote(text, quote) {
    const map = [];
    let flat = "";
    let space = false;
    for (let i = 0; i < text.length; i++) {
      if (/\s/.test(text[i])) {
        if (!space && flat) { flat += " "; map.push(i); }
        space = true;
      } else {
        flat += text[i]; map.push(i); space = false;
      }
    }
    const ranges = [];
    const lower = flat.toLowerCase();
    for (const piece of (quote || "").split(/…|\.\.\./)) {
      const q = oneLine(piece);
      if (q.length < 4) continue;
      let at = flat.indexOf(q);
      if (at < 0) at = lower.indexOf(q.toLowerCase());
      if (at >= 0) ranges.push([map[at], map[at + q.length - 1] + 1]);
    }
    return ranges.sort((a, b) => a[0] - b[0]);
  }

  /* Text with the given ranges wrapped in <mark>; all text nodes. */
  function highlighted(text, ranges) {
    const out = [];
    let pos = 0;
    for (const [a, b] of ranges) {
      if (a < pos) continue;
      out.push(text.slice(pos, a), h("mark", {}, text.slice(a, b)));
      pos = b;
    }
    out.push(text.slice(pos));
    return out.filter((x) => x !== "");
  }

  const STYLE = `
    :host { --accent: var(--referat-accent, #1d4f91); --ink: #1f2933; --muted: #5b6673;
      --line: #d5dbe1; --soft: #f4f6f8; --focus: var(--referat-focus, #f2a900);
      display: block; height: 640px; color: var(--ink); font: 15px/1.5 system-ui, -apple-system,
      "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      container-type: inline-size; }
    :host([full]) { height: 100%; }
    * { box-sizing: border-box; }
    .app { display: flex; flex-direction: column; height: 100%; background: #fff;
      border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
    header { display: flex; align-items: center; gap: 12px; padding: 12px 18px;
      background: var(--accent); color: #fff; }
    header h2 { margin: 0; font-size: 18px; font-weight: 650; letter-spacing: .2px; }
    header p { margin: 0; font-size: 13px; opacity: .85; }
    header .grow { flex: 1; }
    header select, header button { font: inherit; font-size: 13px; color: #fff;
      background: rgba(255,255,255,.12); border: 1px solid rgba(255,255,255,.45);
      border-radius: 5px; padding: 4px 8px; }
    header option { color: var(--ink); }
    .filters { border-bottom: 1px solid var(--line); background: var(--soft); }
    .filters summary { padding: 8px 18px; font-size: 13px; font-weight: 600; color: var(--muted);
      cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .filters summary .active { font-weight: 400; color: var(--ink); }
    .fields { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: end; padding: 0 18px 10px; }
    .field { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px;
      min-width: 0; }
    .field select, .field input { font: inherit; font-size: 14px; color: var(--ink);
      padding: 4px 6px; border: 1px solid var(--line); border-radius: 5px; background: #fff; }
    .field select { max-width: 100%; }
    .date { position: relative; display: flex; }
    .date input { width: 14ch; border-radius: 5px 0 0 5px; }
    .date input[aria-invalid="true"] { border-color: #b42318; }
    .date .cal { display: grid; place-items: center; width: 30px; color: var(--accent);
      background: #fff; border: 1px solid var(--line); border-left: 0; border-radius: 0 5px 5px 0;
      cursor: pointer; }
    .date .picker { position: absolute; left: 0; bottom: 0; width: 100%; height: 1px; padding: 0;
      border: 0; opacity: 0; pointer-events: none; }
    .field-error { flex-basis: 100%; margin: 0; font-size: 13px; color: #8a1c1c; }
    .forget { align-self: end; }
    .log { flex: 1; overflow-y: auto; padding: 18px; display: flex; flex-direction: column; gap: 18px; }
    .intro { color: var(--muted); max-width: 60ch; }
    .q { align-self: flex-end; max-width: 80%; background: #e8eef6; border-radius: 10px 10px 2px 10px;
      padding: 8px 12px; white-space: pre-wrap; }
    .a { max-width: 92%; border-left: 3px solid var(--accent); padding: 2px 0 2px 14px; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; }
    .status { color: var(--muted); font-style: italic; }
    .error { color: #8a1c1c; background: #fdecec; border: 1px solid #f3c4c4; border-radius: 6px;
      padding: 8px 12px; }
    .flag { font-size: 13px; color: #7a5200; margin-top: 6px; }
    .ref { font: inherit; font-size: 11px; font-weight: 650; line-height: 1; vertical-align: 2px;
      color: var(--accent); background: #e8eef6; border: 1px solid #bccbe0; border-radius: 4px;
      padding: 2px 4px; margin: 0 1px; cursor: pointer; }
    .sources { margin-top: 10px; }
    .sources h3 { margin: 0 0 6px; font-size: 12px; text-transform: uppercase; letter-spacing: .6px;
      color: var(--muted); }
    .chips { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 0; padding: 0; }
    .chips li { display: flex; max-width: 100%; min-width: 0; }
    .chip { display: inline-flex; align-items: center; gap: 6px; max-width: 100%; min-width: 0;
      font: inherit; font-size: 13px; color: var(--ink); background: #fff; border: 1px solid var(--line);
      border-radius: 16px; padding: 3px 12px 3px 4px; cursor: pointer; text-align: left; }
    .chip .l { min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .chip:hover, .ref:hover { border-color: var(--accent); background: #f0f4fa; }
    .chip .n { flex: none; display: inline-grid; place-items: center; min-width: 20px; height: 20px;
      border-radius: 10px; background: var(--accent); color: #fff; font-size: 11px; font-weight: 700; }
    /* the title gives way first (shrinks ten times faster than the label) */
    .chip .t { flex: 0 10 auto; min-width: 0; color: var(--muted); white-space: nowrap;
      overflow: hidden; text-overflow: ellipsis; max-width: 28ch; }
    .actions { margin-top: 8px; display: flex; align-items: center; gap: 10px; }
    .btn { font: inherit; font-size: 13px; color: var(--accent); background: #fff;
      border: 1px solid #bccbe0; border-radius: 5px; padding: 4px 10px; cursor: pointer; }
    .btn:hover { background: #f0f4fa; }
    .note { font-size: 13px; color: var(--muted); }
    .follow { margin-top: 6px; max-width: 60ch; }
    .follow .note { margin: 0; overflow-wrap: anywhere; }
    .ask { border-top: 1px solid var(--line); padding: 12px 18px 14px; background: #fff; }
    .ask > label { display: block; font-size: 13px; font-weight: 600; margin-bottom: 4px; }
    .row { display: flex; gap: 10px; align-items: flex-end; }
    .keybox { max-width: 60ch; background: #f4f7fb; border: 1px solid #bccbe0; border-radius: 6px;
      padding: 10px 12px; }
    .keybox p { margin: 0 0 8px; }
    .keybox label { display: block; font-size: 13px; font-weight: 600; margin-bottom: 4px; }
    .keybox input { flex: 1; min-width: 0; font: inherit; padding: 8px 10px; color: var(--ink);
      border: 1px solid #aab4bf; border-radius: 6px; }
    .keybox .note { margin: 8px 0 0; font-size: 12px; overflow-wrap: anywhere; }
    textarea { flex: 1; font: inherit; resize: none; min-height: 44px; max-height: 160px;
      padding: 9px 11px; border: 1px solid #aab4bf; border-radius: 6px; color: var(--ink); }
    .send { font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 0;
      border-radius: 6px; padding: 10px 20px; cursor: pointer; }
    .send:disabled { opacity: .55; cursor: default; }
    .hint { font-size: 12px; color: var(--muted); margin-top: 4px; }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    textarea:focus-visible, .field :focus-visible { outline-offset: 0; }
    dialog { position: fixed; inset: 0 0 0 auto; margin: 0; width: min(600px, 100vw);
      max-width: 100vw; height: 100%; max-height: 100%; padding: 0; border: 0;
      border-left: 1px solid var(--line);
      box-shadow: -8px 0 32px rgba(15,25,40,.25); color: var(--ink); background: #fff; }
    dialog::backdrop { background: rgba(20,30,45,.3); }
    .dlg { display: flex; flex-direction: column; height: 100%; }
    .dlg-head { display: flex; gap: 12px; align-items: flex-start; padding: 16px 20px 12px;
      border-bottom: 1px solid var(--line); }
    .dlg-head h2 { margin: 0; font-size: 18px; line-height: 1.3; flex: 1; }
    .meta { font-size: 13px; color: var(--muted); margin-top: 4px; }
    .badge { display: inline-block; font-size: 11px; font-weight: 700; color: #7a2e00;
      background: #fff1e0; border-radius: 4px; padding: 1px 6px; margin-left: 6px; }
    .dlg-body { overflow-y: auto; padding: 6px 20px 20px; }
    .dlg-body h3 { font-size: 14px; margin: 16px 0 4px; }
    .dlg-body h3 small { font-weight: 400; color: var(--muted); }
    mark { background: #ffe680; color: inherit; padding: 0 1px; border-radius: 2px; }
    .x { font: inherit; font-size: 20px; line-height: 1; color: var(--muted); background: none;
      border: 1px solid transparent; border-radius: 5px; padding: 2px 8px; cursor: pointer; }
    .x:hover { border-color: var(--line); }
    a { color: var(--accent); }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    /* a phone, or a narrow column on an intranet page: the conversation gets the height */
    @container (max-width: ${NARROW}px) {
      header { padding: 8px 12px; gap: 8px; }
      header h2 { font-size: 16px; }
      header p { display: none; }
      .filters summary { padding: 6px 12px; }
      .fields { padding: 0 12px 8px; gap: 8px 12px; }
      .log { padding: 12px; gap: 14px; }
      .q { max-width: 90%; }
      .a { max-width: 100%; padding-left: 10px; }
      /* a chip's title goes to a line of its own instead of squeezing the label */
      .chip { flex-wrap: wrap; row-gap: 0; border-radius: 12px; padding-right: 10px; }
      .chip .t { flex: 1 1 100%; max-width: none; padding-left: 26px; }
      .ask { padding: 8px 12px 10px; }
      .ask > label { position: absolute; width: 1px; height: 1px; overflow: hidden;
        clip: rect(0 0 0 0); }
      .hint { display: none; }
      .send { padding: 10px 14px; }
      .dlg-head { padding: 12px 14px 10px; }
      .dlg-body { padding: 4px 14px 16px; }
    }
  `;

  class ReferatChat extends HTMLElement {
    static get observedAttributes() { return ["lang"]; }

    constructor() {
      super();
      this.root = this.attachShadow({ mode: "open" });
      this.entries = [];   // {question, text, found, citations, error, flagged, pending}
      this.bodies = [];
      this.items = new Map();
      this.busy = false;
      this.locked = false; // the API refused the widget without a key (401)
      this.lockedByKey = false; // … or with one: it was refused
      this.memoryKey = ""; // where sessionStorage is not allowed (sandboxed frames)
    }

    get lang_() { return normLang(this.getAttribute("lang") || SCRIPT_LANG || "da"); }
    get t() { return STRINGS[this.lang_]; }
    get api() { return (this.getAttribute("api") || SCRIPT_API || "").replace(/\/$/, ""); }

    /* A key the user typed (this tab only) goes first: it is there because another was refused. */
    get key() { return this.storedKey() || this.getAttribute("api-key") || SCRIPT_KEY || ""; }
    get storageName() { return `referat-key:${this.api || location.origin}`; }

    storedKey() {
      try { return sessionStorage.getItem(this.storageName) || ""; } catch (e) { return this.memoryKey; }
    }

    storeKey(key) {
      try {
        if (key) sessionStorage.setItem(this.storageName, key);
        else sessionStorage.removeItem(this.storageName);
      } catch (e) { this.memoryKey = key; }
    }

    headers(extra) {
      const key = this.key;
      return Object.assign({ "Accept-Language": LANG_TAGS[this.lang_] }, extra,
        key ? { Authorization: `Bearer ${key}` } : {});
    }

    connectedCallback() {
      const first = !this.shell;
      if (first) this.render();
      this.loadBodies();
      if (first && this.hasAttribute("full")) {
        this.openLinked();
        window.addEventListener("hashchange", () => this.openLinked());
      }
    }

    attributeChangedCallback() { if (this.shell) this.render(); }

    async request(path, init = {}) {
      let response;
      try {
        response = await fetch(this.api + path, { ...init, headers: this.headers(init.headers) });
      } catch (e) {
        throw new HttpError(this.t.networkError, 0);
      }
      if (!response.ok) {
        let body = {};
        try { body = (await response.json()) || {}; } catch (e) { /* not JSON */ }
        // `message` is written for people, in the language asked for; `detail` for developers
        let text = typeof body.message === "string" ? body.message : body.detail;
        if (typeof text !== "string") text = text ? JSON.stringify(text) : "";
        throw new HttpError(text || `${this.t.httpError} (${response.status})`, response.status);
      }
      return response;
    }

    async loadBodies() {
      const sentKey = !!this.key;
      try {
        const data = await (await this.request("/v1/meetings?limit=500")).json();
        const set = new Set((data.meetings || []).map((m) => m.body).filter(Boolean));
        this.bodies = [...set].sort((a, b) => a.localeCompare(b, "da"));
        this.fillBodies();
        if (this.locked) { this.locked = false; this.renderLog(); }
      } catch (e) {
        // otherwise the filter stays at "all"; asking still works
        if (e.status === 401) this.refused(sentKey);
      }
    }

    /* The API wants a key (401): forget a typed one it refused, and show the key form. */
    refused(sentKey) {
      if (sentKey && this.storedKey()) this.storeKey("");
      this.locked = true;
      this.lockedByKey = sentKey;
      if (!this.entries.length) this.renderLog();
      this.renderForget();
    }

    /* The form that takes a key; `then` runs once it is stored. */
    keyForm(refused, then) {
      const t = this.t;
      const id = `referat-key-${(this.keyForms = (this.keyForms || 0) + 1)}`;
      const input = h("input", { type: "password", id, autocomplete: "off", spellcheck: false,
        autocapitalize: "off" });
      return h("form", { class: "keybox", onsubmit: (e) => {
        e.preventDefault();
        const key = input.value.trim();
        if (!key) { input.focus(); return; }
        this.storeKey(key);
        this.renderForget();
        then();
      } },
      h("p", { role: "alert" }, refused ? t.keyRefused : t.keyNeeded),
      h("label", { for: id }, t.keyLabel),
      h("div", { class: "row" }, input, h("button", { type: "submit", class: "send" }, t.keyUse)),
      h("p", { class: "note" }, t.keyNote));
    }

    /* "Forget the key" among the filters, while this tab holds one. */
    renderForget() {
      if (!this.forgetSlot) return;
      this.forgetSlot.replaceChildren(this.storedKey() ? h("button", { type: "button", class: "btn",
        onclick: () => { this.storeKey(""); this.renderForget(); this.loadBodies(); } },
      this.t.keyForget) : "");
    }

    fillBodies() {
      const select = this.bodySelect;
      if (!select) return;
      const current = select.value;
      select.replaceChildren(h("option", { value: "" }, this.t.allBodies),
        ...this.bodies.map((b) => h("option", { value: b }, b)));
      select.value = this.bodies.includes(current) ? current : "";
    }

    /* The whole shell; called again when the language changes (entries are kept). */
    render() {
      const t = this.t;
      const old = this.shell && {
        body: this.bodySelect.value, from: this.fromInput.value, to: this.toInput.value,
        text: this.input.value, open: this.filterBox.open,
      };
      const id = (s) => `referat-${s}`;
      this.bodySelect = h("select", { id: id("body"), onchange: () => this.showFilters() });
      this.fromInput = this.dateInput(id("from"), t.dateFrom);
      this.toInput = this.dateInput(id("to"), t.dateTo);
      this.dateError = h("p", { class: "field-error", id: id("date-error"), role: "alert",
        hidden: true });
      this.filterSummary = h("span", { class: "active" });
      this.forgetSlot = h("div", { class: "forget" });
      this.filterBox = h("details", { class: "filters" },
      h("summary", {}, t.filters, this.filterSummary),
      h("div", { class: "fields", role: "group", "aria-label": t.filters },
        h("div", { class: "field" }, h("label", { for: id("body") }, t.body), this.bodySelect),
        h("div", { class: "field" }, h("label", { for: id("from") }, t.dateFrom),
          this.datePicker(this.fromInput, t.dateFrom)),
        h("div", { class: "field" }, h("label", { for: id("to") }, t.dateTo),
          this.datePicker(this.toInput, t.dateTo)),
        this.forgetSlot, this.dateError));
      this.input = h("textarea", {
        id: id("q"), rows: 1, placeholder: t.placeholder, "aria-describedby": id("hint"),
        onkeydown: (e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.submit(); }
        },
        oninput: () => this.grow(),
      });
      this.sendButton = h("button", { type: "submit", class: "send" }, t.send);
      this.log = h("div", { class: "log", role: "region", "aria-label": t.answer, tabIndex: -1 });
      const langSelect = h("select", { "aria-label": t.language,
        onchange: (e) => this.setAttribute("lang", e.target.value) },
        Object.entries(LANG_NAMES).map(([k, v]) => h("option", { value: k }, v)));
      langSelect.value = this.lang_;
      this.dialog = h("dialog", { "aria-labelledby": id("dlg-title"),
        onclose: () => this.afterDialog(),
        onclick: (e) => { if (e.target === this.dialog) this.dialog.close(); } });
      this.live = h("div", { class: "sr", "aria-live": "polite" });

      this.shell = h("div", { class: "app", lang: this.lang_ },
        h("header", {},
          h("div", { class: "grow" }, h("h2", {}, t.title), h("p", {}, t.subtitle)),
          langSelect,
          h("button", { type: "button", onclick: () => this.reset() }, t.newChat)),
        this.filterBox,
        this.log,
        h("form", { class: "ask", onsubmit: (e) => { e.preventDefault(); this.submit(); } },
          h("label", { for: id("q") }, t.questionLabel),
          h("div", { class: "row" }, this.input, this.sendButton),
          h("div", { class: "hint", id: id("hint") }, t.hint)),
        this.dialog, this.live);
      this.root.replaceChildren(h("style", {}, STYLE), this.shell);
      // folded away where the widget is narrow (a phone): the conversation needs the height;
      // measured once the style is in (before it, the element has no width of its own)
      this.filterBox.open = old ? old.open : this.getBoundingClientRect().width >= NARROW;
      this.fillBodies();
      if (old) {
        this.bodySelect.value = old.body; this.fromInput.value = old.from;
        this.toInput.value = old.to; this.input.value = old.text;
      }
      this.renderForget();
      this.showFilters();
      this.renderLog();
    }

    /* A date typed day first in the page's format, whatever the browser's own language
     * (a native date input shows mm/dd/yyyy in an English browser, even on a Danish page). */
    dateInput(id, label) {
      const input = h("input", { type: "text", id, lang: LANG_TAGS[this.lang_], inputMode: "numeric",
        autocomplete: "off", spellcheck: false, placeholder: this.t.dateFormat,
        "aria-describedby": "referat-date-error",
        onchange: () => { this.readDate(input); this.showFilters(); } });
      input.dataset.label = label;
      return input;
    }

    /* The field with a calendar button; the calendar is the browser's own date picker. */
    datePicker(input, label) {
      const picker = h("input", { type: "date", class: "picker", tabIndex: -1, "aria-hidden": "true",
        onchange: () => {
          input.value = fmtDate(picker.value);
          this.readDate(input);
          this.showFilters();
        } });
      const open = () => {
        picker.value = parseDate(input.value) || "";
        try { picker.showPicker(); } catch (e) { input.focus(); } // older browsers: type it
      };
      return h("span", { class: "date" }, input,
        h("button", { type: "button", class: "cal", title: this.t.pickDate,
          "aria-label": `${this.t.pickDate}: ${label}`, onclick: open }, calendarIcon()),
        picker);
    }

    /* The field's date as YYYY-MM-DD, null when empty, undefined (the field marked) when it
     * cannot be read; a readable one is rewritten in the page's format. */
    readDate(input) {
      const text = input.value.trim();
      const iso = text ? parseDate(text) : null;
      const bad = !!text && !iso;
      input.setAttribute("aria-invalid", bad ? "true" : "false");
      if (iso) input.value = fmtDate(iso);
      const wrong = [this.fromInput, this.toInput]
        .filter((i) => i.getAttribute("aria-invalid") === "true");
      this.dateError.hidden = !wrong.length;
      this.dateError.textContent = wrong.length
        ? `${wrong.map((i) => i.dataset.label).join(", ")}: ${this.t.badDate}` : "";
      return bad ? undefined : iso;
    }

    /* The chosen filters, shown beside the folded panel's title. */
    showFilters() {
      const from = parseDate(this.fromInput.value);
      const to = parseDate(this.toInput.value);
      const period = from || to
        ? `${from ? fmtDate(from) : ""} – ${to ? fmtDate(to) : ""}`.trim() : "";
      const parts = [this.bodySelect.value, period].filter(Boolean);
      this.filterSummary.textContent = parts.length ? `: ${parts.join(" · ")}` : "";
    }

    questionNode(question) {
      return h("div", { class: "q" }, h("span", { class: "sr" }, `${this.t.you}: `), question);
    }

    grow() {
      this.input.style.height = "auto";
      this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 160)}px`;
    }

    renderLog() {
      const nodes = [];
      if (!this.entries.length) {
        nodes.push(h("p", { class: "intro" }, this.t.intro));
        if (this.locked) {
          nodes.push(this.keyForm(this.lockedByKey, () => {
            this.locked = false; // back if the key is refused too
            this.renderLog();
            this.loadBodies();
            this.input.focus();
          }));
        }
      }
      for (const entry of this.entries) {
        entry.node = null;
        this.renderEntry(entry);
        nodes.push(this.questionNode(entry.question), entry.node);
      }
      this.log.replaceChildren(...nodes);
    }

    /* The answer block of one entry, from its current state. The text element is one
     * persistent aria-live region per answer, busy while tokens stream in. */
    renderEntry(entry) {
      const t = this.t;
      if (!entry.node) {
        entry.live = h("div", { class: "text", "aria-live": "polite" });
        entry.extra = h("div", {});
        entry.node = h("div", { class: "a" }, entry.live, entry.extra);
      }
      entry.live.setAttribute("aria-busy", entry.pending ? "true" : "false");
      if (entry.error) {
        entry.live.replaceChildren();
        entry.extra.replaceChildren(entry.status === 401
          ? this.keyForm(entry.sentKey, () => this.retry(entry))
          : h("div", { class: "error", role: "alert" }, entry.error));
        return;
      }
      if (entry.pending && !entry.text) {
        entry.live.replaceChildren(h("span", { class: "status" }, t.searching));
        entry.extra.replaceChildren();
        return;
      }
      const cites = entry.pending || !entry.found ? [] : entry.citations || [];
      // "[n]" markers become buttons opening source n, once the final text is in
      const nodes = [];
      for (const part of entry.text.split(/(\[\d+\])/)) {
        const n = /^\[(\d+)\]$/.exec(part);
        const c = n && cites[Number(n[1]) - 1];
        if (c) {
          nodes.push(h("button", { type: "button", class: "ref", "aria-label": `${t.openSource} ${n[1]}`,
            onclick: (e) => this.openItem(c, e.currentTarget) }, n[1]));
        } else if (part) nodes.push(document.createTextNode(part));
      }
      entry.live.replaceChildren(...nodes);
      const parts = [];
      if (!entry.pending && entry.flagged) parts.push(h("div", { class: "flag" }, t.flagged));
      if (cites.length) {
        parts.push(h("div", { class: "sources" }, h("h3", {}, t.sources),
          h("ul", { class: "chips" }, cites.map((c, i) => h("li", {},
            this.chip(c, i))))));
      }
      if (!entry.pending) {
        const note = h("span", { class: "note", role: "status" });
        entry.followSlot = entry.followSlot || h("div", { class: "follow" });
        parts.push(h("div", { class: "actions" },
          h("button", { type: "button", class: "btn", onclick: () => this.copy(entry, note) }, t.copy),
          entry.feedUrl ? null : h("button", { type: "button", class: "btn",
            onclick: () => this.follow(entry) }, t.follow), note), entry.followSlot);
        this.renderFollow(entry);
      }
      entry.extra.replaceChildren(...parts);
    }

    /* One source: "Chefforum 10-04-2024 · pkt. 7" and the item's title beside it. */
    chip(c, i) {
      const t = this.t;
      const label = this.chipLabel(c);
      const title = label && c.item_title ? c.item_title : "";
      return h("button", { type: "button", class: "chip", title: c.item_title || "",
        "aria-label": `${t.openSource} ${i + 1}: `
          + [label || c.item_title || c.source, title].filter(Boolean).join(", "),
        onclick: (e) => this.openItem(c, e.currentTarget) },
      h("span", { class: "n", "aria-hidden": "true" }, String(i + 1)),
      h("span", { class: "l" }, label || c.item_title || c.source || ""),
      title ? h("span", { class: "t", "aria-hidden": "true" }, title) : null);
    }

    /* Who and when ("" when the minutes say neither): a file name tells a reader nothing. */
    chipLabel(c) {
      const who = c.body || c.municipality || "";
      const when = fmtDate(c.meeting_date);
      if (!who && !when) return "";
      const what = c.item_number ? `${this.t.item} ${c.item_number}` : "";
      return [[who, when].filter(Boolean).join(" "), what].filter(Boolean).join(" · ");
    }

    /* [1] Chefforum, 10.04.2024, punkt 7 "Title" (case), Beslutning: "quote" */
    reference(c, i) {
      const head = [c.body || c.municipality, fmtDate(c.meeting_date),
        [c.item_number ? `${this.t.itemLong} ${c.item_number}` : "",
          c.item_title ? `"${oneLine(c.item_title)}"` : "",
          c.case_number ? `(${c.case_number})` : ""].filter(Boolean).join(" ")]
        .filter(Boolean).join(", ");
      const quote = c.quote ? `"${oneLine(c.quote)}"` : "";
      const tail = [c.section, quote].filter(Boolean).join(": ");
      return `[${i + 1}] ${[head || c.source, tail].filter(Boolean).join(", ")}${c.url ? ` <${c.url}>` : ""}`;
    }

    async copy(entry, note) {
      const cites = entry.found ? entry.citations || [] : [];
      let text = entry.text.trim();
      if (cites.length) text += `\n\n${this.t.sources}:\n${cites.map((c, i) => this.reference(c, i)).join("\n")}`;
      let ok = false;
      try {
        await navigator.clipboard.writeText(text);
        ok = true;
      } catch (e) {
        const area = h("textarea", { value: text, readOnly: true });
        area.style.cssText = "position:fixed;left:-9999px;top:0;opacity:0";
        this.root.append(area);
        area.select();
        try { ok = document.execCommand("copy"); } catch (e2) { ok = false; }
        area.remove();
      }
      note.textContent = ok ? this.t.copied : this.t.copyFailed;
      setTimeout(() => { note.textContent = ""; }, 4000);
    }

    /* Save the entry's question (and filters) as a watch; its feed link is shown once. */
    async follow(entry) {
      const sentKey = !!this.key;
      const previous = (entry.history || []).map((turn) => turn.question);
      try {
        const response = await this.request("/v1/watches", {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ query: entry.question, filters: entry.filters, previous }),
        });
        const made = await response.json();
        Object.assign(entry, { feedUrl: made.feed_url, followError: null, followStatus: null });
      } catch (e) {
        Object.assign(entry, { followError: e.message || this.t.httpError, followStatus: e.status,
          followKey: sentKey });
      }
      this.renderEntry(entry);
      const focus = entry.followSlot && entry.followSlot.querySelector("input, a");
      if (focus) focus.focus();
    }

    /* Under an answer: the feed of a followed question, or why following failed. */
    renderFollow(entry) {
      const t = this.t;
      if (!entry.followSlot) return;
      if (entry.feedUrl) {
        const url = /^https?:\/\//i.test(entry.feedUrl) ? entry.feedUrl : null;
        entry.followSlot.replaceChildren(h("p", { class: "note", role: "status" }, t.following, " ",
          url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, t.feed) : "",
          " ", t.feedNote));
      } else if (entry.followStatus === 401) {
        entry.followSlot.replaceChildren(this.keyForm(entry.followKey, () => this.follow(entry)));
      } else if (entry.followError) {
        entry.followSlot.replaceChildren(h("div", { class: "error", role: "alert" }, entry.followError));
      } else {
        entry.followSlot.replaceChildren();
      }
    }

    /* The chat page opened from a feed entry (/#item=ID): that item, at once. */
    openLinked() {
      const m = /^#item=([\w-]{1,80})$/.exec(location.hash);
      if (m) this.openItem({ item_id: m[1], item_title: "", quote: "" }, null);
    }

    reset() {
      if (this.controller) this.controller.abort();
      this.entries = [];
      this.busy = false;
      this.sendButton.disabled = false;
      this.renderLog();
      this.input.focus();
    }

    /* The filters to send; null while a date field holds something that is no date. */
    filters() {
      const from = this.readDate(this.fromInput);
      const to = this.readDate(this.toInput);
      if (from === undefined || to === undefined) {
        this.filterBox.open = true;
        (from === undefined ? this.fromInput : this.toInput).focus();
        return null;
      }
      return { body: this.bodySelect.value || null, date_from: from, date_to: to };
    }

    async submit() {
      const question = this.input.value.trim();
      if (!question || this.busy) return;
      const filters = this.filters();
      if (!filters) return;
      const history = this.entries.filter((e) => !e.error && !e.pending && e.text)
        .slice(-HISTORY_TURNS).map((e) => ({ question: e.question, answer: e.text }));
      const entry = { question, filters, history, text: "", pending: true, citations: [], found: false };
      if (!this.entries.length) this.log.replaceChildren();
      this.entries.push(entry);
      this.renderEntry(entry);
      this.log.append(this.questionNode(question), entry.node);
      this.input.value = "";
      this.grow();
      await this.run(entry);
    }

    /* The same question again, once the user has given a key. */
    async retry(entry) {
      if (this.busy) return;
      Object.assign(entry, { text: "", pending: true, error: null, status: null, citations: [],
        found: false });
      this.renderEntry(entry);
      if (this.locked) this.loadBodies();
      await this.run(entry);
    }

    /* Ask the API for the entry's answer, streaming it in. */
    async run(entry) {
      this.busy = true;
      this.sendButton.disabled = true;
      this.scrollDown();
      this.controller = new AbortController();
      const controller = this.controller;
      entry.sentKey = !!this.key;
      try {
        const response = await this.request("/v1/ask", {
          method: "POST", signal: controller.signal,
          headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
          body: JSON.stringify({ question: entry.question, filters: entry.filters,
            history: entry.history }),
        });
        if ((response.headers.get("content-type") || "").includes("text/event-stream")) {
          for await (const ev of readEvents(response)) {
            const data = JSON.parse(ev.data);
            if (ev.event === "token") {
              entry.text += data.text || "";
              this.renderEntry(entry);
              this.scrollDown();
            } else if (ev.event === "done") this.finish(entry, data);
            else if (ev.event === "error") throw new Error(data.detail || this.t.httpError);
          }
          if (entry.pending) throw new Error(this.t.networkError);
        } else {
          this.finish(entry, await response.json());
        }
      } catch (e) {
        if (controller.signal.aborted) return;
        entry.pending = false;
        entry.status = e && e.status;
        entry.error = e && e.message && !(e instanceof SyntaxError) ? e.message : this.t.httpError;
        if (entry.status === 401) this.refused(entry.sentKey);
        this.renderEntry(entry);
        if (entry.status === 401) entry.extra.querySelector("input").focus(); // the key goes here
        this.live.textContent = entry.status === 401
          ? (entry.sentKey ? this.t.keyRefused : this.t.keyNeeded) : entry.error;
      } finally {
        if (this.controller === controller) {
          this.busy = false;
          this.sendButton.disabled = false;
        }
      }
      this.scrollDown();
    }

    /* The final answer replaces whatever streamed in. */
    finish(entry, data) {
      Object.assign(entry, { pending: false, text: data.answer || "", found: !!data.found,
        citations: data.citations || [], flagged: !!data.flagged, mode: data.mode });
      this.renderEntry(entry);
    }

    scrollDown() { this.log.scrollTop = this.log.scrollHeight; }

    /* The cited agenda item in a modal dialog, the quote marked. */
    async openItem(citation, opener) {
      const t = this.t;
      this.opener = opener;
      const close = h("button", { type: "button", class: "x", "aria-label": t.close,
        onclick: () => this.dialog.close() }, "×");
      const title = h("h2", { id: "referat-dlg-title" }, citation.item_title || t.loading);
      const body = h("div", { class: "dlg-body" }, h("p", { class: "status" }, t.loading));
      this.dialog.replaceChildren(h("div", { class: "dlg" },
        h("div", { class: "dlg-head" }, h("div", { style: "flex:1" }, title), close), body));
      if (!this.dialog.open) this.dialog.showModal();
      close.focus();
      let item = this.items.get(citation.item_id);
      try {
        if (!item) {
          item = await (await this.request(`/v1/items/${encodeURIComponent(citation.item_id)}`)).json();
          this.items.set(citation.item_id, item);
        }
      } catch (e) {
        body.replaceChildren(h("div", { class: "error", role: "alert" }, e.message));
        return;
      }
      if (this.opener !== opener) return; // another item was opened meanwhile
      const m = item.meeting || {};
      title.textContent = item.title || citation.item_title || "";
      const url = m.url && /^https?:\/\//i.test(m.url) ? m.url : null;
      title.after(
        h("div", { class: "meta" },
          [m.body, m.municipality].filter(Boolean).join(", "),
          m.date ? ` · ${fmtDate(m.date)}` : "",
          m.place ? ` · ${t.place}: ${fmtPlace(m.place, t)}` : ""),
        h("div", { class: "meta" },
          [item.number ? `${t.itemLong[0].toUpperCase()}${t.itemLong.slice(1)} ${item.number}` : "",
            item.case_number ? `${t.caseNo} ${item.case_number}` : ""].filter(Boolean).join(" · "),
          item.closed ? h("span", { class: "badge" }, t.closed) : null,
          url ? h("span", {}, " · ", h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, t.original)) : null));
      const sections = item.sections || [];
      // prefer the section the citation names; fall back to any section holding the quote
      let marked = false;
      const order = [...sections.keys()].sort((a, b) =>
        (sections[b].heading === citation.section) - (sections[a].heading === citation.section));
      const ranges = new Map();
      for (const i of order) {
        const r = marked ? [] : findQuote(sections[i].text || "", citation.quote);
        if (r.length) marked = true;
        ranges.set(i, r);
      }
      body.replaceChildren(...sections.map((s, i) => h("section", {},
        h("h3", {}, s.heading || s.kind || "", s.page ? h("small", {}, ` · ${t.page} ${s.page}`) : null),
        h("div", { class: "text" }, highlighted(s.text || "", ranges.get(i) || [])))));
      if (!marked && citation.quote) body.prepend(h("p", { class: "note" }, t.quoteNotFound));
      const mark = body.querySelector("mark");
      if (mark) mark.scrollIntoView({ block: "center" });
    }

    afterDialog() {
      const opener = this.opener;
      this.opener = null;
      if (opener && opener.isConnected) opener.focus();
    }
  }

  if (!customElements.get("referat-chat")) customElements.define("referat-chat", ReferatChat);
})();
