// A ballot on card tiles, one group of tiles per poll: the candidates in the participant's
// own order, a search, a tap (or Enter) to choose up to the poll's limit; for a ranked poll
// the chosen cards in order, moved up or down; for a dot poll each tap puts one more dot on
// the card, and the list of cards with dots takes one off or adds one. The choice is the
// component's state ("chosen": poll id → cards, a dot poll naming a card once per dot), read
// by the page when the ballot is sent.
function el(tag, cls, text) {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text !== undefined) n.textContent = text;
  return n;
}

export default function (component) {
  const { parentElement, setStateValue } = component;
  // The page sends its data as one JSON text in UTF-8 bytes (the cheapest for the server).
  const data = readData(component.data);
  const root = parentElement;
  const kept = (root.__jnt = root.__jnt || { polls: {}, last: "" });
  const same = JSON.stringify(data);
  if (same === kept.last && root.querySelector(".jnt-tiles")) return;
  kept.last = same;
  root.querySelectorAll(".jnt-tiles").forEach((n) => n.remove());
  const states = data.polls.map((poll) => {
    const st = (kept.polls[poll.id] = kept.polls[poll.id] || { query: "", chosen: null, seen: null });
    // The server's value wins when it changed (a reload, a saved ballot); else keep the taps.
    const given = JSON.stringify(poll.chosen);
    if (st.seen !== given) { st.chosen = [...poll.chosen]; st.seen = given; }
    return st;
  });
  const save = () => setStateValue(
    "chosen", Object.fromEntries(data.polls.map((poll, i) => [poll.id, [...states[i].chosen]])));
  data.polls.forEach((poll, i) => drawPoll(root, poll, states[i], data, save));
}

// One poll's tiles, in a group of their own (``data-poll`` names the poll).
function drawPoll(root, poll, st, data, save) {
  const L = data.labels, limit = poll.limit;
  const byId = Object.fromEntries(poll.cards.map((c) => [c.id, c]));
  const box = el("div", "jnt-tiles");
  box.dataset.poll = poll.id;
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", poll.label);
  root.appendChild(box);
  box.appendChild(el("p", "label", poll.label));
  const count = el("p", "count");
  count.setAttribute("role", "status");
  count.setAttribute("aria-live", "polite");
  box.appendChild(count);
  const dots = Boolean(poll.dots);
  const order = el("ol", "order" + (dots ? " dots" : ""));
  order.setAttribute("aria-label", dots ? L.dots_list : L.order);
  if (poll.ranked || dots) box.appendChild(order);
  const search = el("input", "search");
  search.type = "search";
  search.placeholder = L.search;
  search.setAttribute("aria-label", L.search);
  search.value = st.query;
  box.appendChild(search);
  const grid = el("div", "grid");
  box.appendChild(grid);
  const none = el("p", "none", L.no_results);
  box.appendChild(none);

  const full = () => { count.textContent = (dots ? L.dots_full : L.full).replace("{k}", limit); };
  const toggle = (id) => {
    const at = st.chosen.indexOf(id);
    if (at >= 0 && !dots) st.chosen.splice(at, 1);
    else if (st.chosen.length < limit) st.chosen.push(id);
    else { full(); return; }
    save();
    draw();
  };
  // One dot more (by = 1) or less (by = -1) on a card; the button keeps the focus.
  const dot = (id, by) => {
    if (by > 0 && st.chosen.length >= limit) { full(); return; }
    if (by > 0) st.chosen.push(id);
    else st.chosen.splice(st.chosen.lastIndexOf(id), 1);
    save();
    draw();
    const again = order.querySelector(`[data-dot="${by}"][data-card="${CSS.escape(id)}"]`);
    if (again && !again.disabled) again.focus();
  };
  const dotsOn = (id) => st.chosen.filter((c) => c === id).length;
  const nameOf = (id) => (byId[id] || { title: id }).title;
  const move = (id, by) => {
    const at = st.chosen.indexOf(id), to = at + by;
    if (at < 0 || to < 0 || to >= st.chosen.length) return;
    st.chosen.splice(at, 1);
    st.chosen.splice(to, 0, id);
    save();
    draw();
    const again = order.querySelector(`[data-move="${by}"][data-card="${CSS.escape(id)}"]`);
    if (again) again.focus();
  };

  const drawDots = () => {
    [...new Set(st.chosen)].forEach((id) => {
      const li = el("li");
      li.appendChild(el("span", "rank", String(dotsOn(id))));
      li.appendChild(el("span", "name", nameOf(id)));
      [[-1, "−", L.dots_remove], [1, "+", L.dots_add]].forEach(([by, sign, label]) => {
        const b = el("button", "mv", sign);
        b.type = "button";
        b.dataset.dot = String(by);
        b.dataset.card = id;
        b.setAttribute("aria-label", label.replace("{title}", nameOf(id)));
        b.disabled = by > 0 && st.chosen.length >= limit;
        b.onclick = () => dot(id, by);
        li.appendChild(b);
      });
      order.appendChild(li);
    });
  };

  const draw = () => {
    count.textContent = (dots ? L.dots_count : L.count)
      .replace("{n}", st.chosen.length).replace("{k}", limit);
    order.replaceChildren();
    if (dots) drawDots();
    else st.chosen.forEach((id, i) => {
      const li = el("li");
      li.appendChild(el("span", "rank", String(i + 1)));
      li.appendChild(el("span", "name", (byId[id] || { title: id }).title));
      [[-1, "↑", L.up], [1, "↓", L.down]].forEach(([by, arrow, label]) => {
        const b = el("button", "mv", arrow);
        b.type = "button";
        b.dataset.move = String(by);
        b.dataset.card = id;
        b.setAttribute("aria-label", label.replace("{title}", (byId[id] || { title: id }).title));
        b.disabled = (by < 0 && i === 0) || (by > 0 && i === st.chosen.length - 1);
        b.onclick = () => move(id, by);
        li.appendChild(b);
      });
      order.appendChild(li);
    });
    grid.replaceChildren();
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    poll.cards.forEach((c) => {
      if (q && !c.title.toLowerCase().includes(q)) return;
      shown += 1;
      const on = st.chosen.includes(c.id);
      const b = el("button", "tile" + (on ? " on" : ""));
      b.type = "button";
      b.dataset.card = c.id;
      b.style.setProperty("--colour", c.colour);
      b.setAttribute("aria-pressed", String(on));
      if (c.icon && data.icons[c.icon]) {
        const i = el("span", "icon");
        i.innerHTML = `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${data.icons[c.icon]}</svg>`;
        b.appendChild(i);
      }
      b.appendChild(el("span", "title", c.title));
      const mark = dots ? String(dotsOn(c.id)) : poll.ranked ? String(st.chosen.indexOf(c.id) + 1) : "✓";
      if (on) b.appendChild(el("span", "mark", mark));
      b.onclick = () => toggle(c.id);
      grid.appendChild(b);
    });
    none.hidden = shown > 0;
  };
  search.oninput = () => { st.query = search.value; draw(); };
  draw();
}

function readData(raw) {
  if (raw instanceof Uint8Array || raw instanceof ArrayBuffer) return JSON.parse(new TextDecoder().decode(raw));
  return typeof raw === "string" ? JSON.parse(raw) : raw;
}
