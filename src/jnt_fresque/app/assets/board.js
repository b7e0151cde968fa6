// The table's board: cards placed on a shared surface, the links between them drawn.
// Tap (or Enter on) a use case, then the data cards it needs; drag a card onto another to
// link them, or anywhere to move it (arrow keys move a focused card). Every change goes
// to the server as one event; the server's answer comes back as new data. User text is
// only ever set with textContent: a note with HTML in it stays plain text.
const W = 1000, H = 900, CW = 150, CH = 64;

function el(tag, cls, text) {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text !== undefined) n.textContent = text;
  return n;
}

function icon(markup) {
  // Icons are the kit's own SVG files (trusted), never user input.
  const span = el("span", "icon");
  span.innerHTML = `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${markup}</svg>`;
  return span;
}

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  // The page sends its data as one JSON text in UTF-8 bytes (the cheapest for the server).
  const data = readData(component.data);
  const root = parentElement;
  // In a shadow root (styles isolated), sizes are measured on its host element.
  const host = root.host || root;
  const st = (root.__jnt = root.__jnt || { selected: null, query: "", last: "" });
  // A refresh that brings the same board changes nothing on screen (nor the focus).
  const same = JSON.stringify(data);
  if (same === st.last && root.querySelector(".jnt-board")) return;
  st.last = same;
  const send = (op, extra) => setTriggerValue("action", { op, ...extra, v: data.version });
  const L = data.labels;
  const linked = new Set(data.links.map((l) => l.uc + "\u0000" + l.data));
  const isLinked = (uc, d) => linked.has(uc + "\u0000" + d);
  const byId = {};
  data.ucs.forEach((c) => (byId[c.id] = { ...c, kind: "uc" }));
  data.data.forEach((c) => (byId[c.id] = { ...c, kind: "data" }));
  const placed = new Set(Object.keys(data.placed));
  data.links.forEach((l) => placed.add(l.uc));
  const ucsShown = data.ucs.filter((c) => placed.has(c.id));
  if (st.selected && !placed.has(st.selected)) st.selected = null;
  const expected = (st.selected && data.key && data.key[st.selected]) || null;

  // The board is drawn anew with each change: the keyboard's place is kept across it.
  const focused = (root.activeElement || document.activeElement || {}).dataset || {};
  root.querySelectorAll(".jnt-board").forEach((n) => n.remove());
  const box = el("div", "jnt-board");
  box.setAttribute("data-version", String(data.version));
  root.appendChild(box);

  // --- the toolbar: what to do next, the deck's use cases to put on the board ---------
  const bar = el("div", "bar");
  const hint = el("p", "hint", st.selected ? L.pick_data.replace("{title}", byId[st.selected].title) : L.pick_uc);
  hint.setAttribute("role", "status");
  bar.appendChild(hint);
  if (data.editable) {
    const search = el("input", "search");
    search.type = "search";
    search.placeholder = L.add_placeholder;
    search.setAttribute("aria-label", L.add_label);
    search.value = st.query;
    const found = el("div", "found");
    const fill = () => {
      found.replaceChildren();
      const q = search.value.trim().toLowerCase();
      st.query = search.value;
      if (!q) return;
      const hits = data.ucs.filter((c) => !placed.has(c.id) && c.title.toLowerCase().includes(q)).slice(0, 8);
      if (!hits.length) found.appendChild(el("span", "none", L.no_results));
      hits.forEach((c) => {
        const b = el("button", "add", "+ " + c.title);
        b.type = "button";
        b.onclick = () => { st.query = ""; st.selected = c.id; send("place", { card: c.id }); };
        found.appendChild(b);
      });
    };
    search.oninput = fill;
    bar.appendChild(search);
    bar.appendChild(found);
    fill();
    if (st.selected && !data.links.some((l) => l.uc === st.selected)) {
      const off = el("button", "off", L.unplace);
      off.type = "button";
      off.onclick = () => { const c = st.selected; st.selected = null; send("unplace", { card: c }); };
      bar.appendChild(off);
    }
  }
  box.appendChild(bar);

  // --- the surface: cards at their places (wide screens) or in two lists (phones) ---------
  const surface = el("div", "surface");
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "wires");
  surface.appendChild(svg);
  const ucZone = el("div", "zone uc-zone");
  ucZone.appendChild(el("h4", "", L.use_cases));
  const dataZone = el("div", "zone data-zone");
  dataZone.appendChild(el("h4", "", L.data_cards));
  surface.appendChild(ucZone);
  surface.appendChild(dataZone);
  box.appendChild(surface);
  if (!ucsShown.length) ucZone.appendChild(el("p", "empty", L.empty));

  const nodes = {};
  const place = (id, i) => {
    const at = data.placed[id];
    if (at) return at;
    if (byId[id].kind === "data") return [520 + 160 * (i % 3), 10 + 74 * Math.floor(i / 3)];
    return [20 + 230 * (i % 2), 20 + 90 * Math.floor(i / 2)];
  };
  const card = (c, i) => {
    const b = el("button", "card " + c.kind);
    b.type = "button";
    b.dataset.card = c.id;
    b.style.setProperty("--colour", c.colour);
    if (c.icon && data.icons[c.icon]) b.appendChild(icon(data.icons[c.icon]));
    b.appendChild(el("span", "title", c.title));
    if (c.kind === "uc" && data.key && data.key[c.id]) {
      const k = data.key[c.id];
      b.appendChild(el("span", "score", `${k.needed.length - k.missing.length}/${k.needed.length}`));
    }
    const [x, y] = place(c.id, i);
    b.style.left = (x / W) * 100 + "%";
    b.style.top = (y / H) * 100 + "%";
    if (c.kind === "uc") b.setAttribute("aria-pressed", String(st.selected === c.id));
    else if (st.selected) {
      b.setAttribute("aria-pressed", String(isLinked(st.selected, c.id)));
      if (expected && expected.missing.includes(c.id)) b.classList.add("expected");
    }
    b.setAttribute("aria-label", (c.kind === "uc" ? L.uc_word : L.data_word).replace("{title}", c.title));
    nodes[c.id] = b;
    (c.kind === "uc" ? ucZone : dataZone).appendChild(b);
    wire(b, c);
  };

  const tap = (c) => {
    if (c.kind === "uc") {
      st.selected = st.selected === c.id ? null : c.id;
      draw();
      return;
    }
    if (!st.selected) { hint.textContent = L.pick_uc_first; return; }
    if (isLinked(st.selected, c.id)) send("select", { uc: st.selected, data: c.id });
    else if (data.editable) send("link", { uc: st.selected, data: c.id });
  };

  const wire = (b, c) => {
    let start = null, moved = false;
    b.addEventListener("pointerdown", (e) => {
      if (!data.editable || !box.classList.contains("wide")) return;
      start = { x: e.clientX, y: e.clientY, left: b.offsetLeft, top: b.offsetTop };
      moved = false;
      b.setPointerCapture(e.pointerId);
    });
    b.addEventListener("pointermove", (e) => {
      if (!start) return;
      const dx = e.clientX - start.x, dy = e.clientY - start.y;
      if (!moved && Math.hypot(dx, dy) < 6) return;
      moved = true;
      b.classList.add("dragging");
      b.style.left = start.left + dx + "px";
      b.style.top = start.top + dy + "px";
      lines();
    });
    b.addEventListener("pointerup", (e) => {
      if (!start) return;
      const was = start;
      start = null;
      if (!moved) return;
      b.classList.remove("dragging");
      b.__dragged = true;
      // Dropped on a card of the other kind: a link; anywhere else: the card's new place.
      const target = Object.values(nodes).find((n) => {
        if (n === b) return false;
        const r = n.getBoundingClientRect();
        return e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
      });
      const other = target && byId[target.dataset.card];
      if (other && other.kind !== c.kind) {
        const uc = c.kind === "uc" ? c.id : other.id, d = c.kind === "uc" ? other.id : c.id;
        b.style.left = was.left + "px"; b.style.top = was.top + "px";
        st.selected = uc;
        if (!isLinked(uc, d)) send("link", { uc, data: d });
        return;
      }
      const r = surface.getBoundingClientRect();
      const x = (b.offsetLeft / r.width) * W, y = (b.offsetTop / r.height) * H;
      send("move", { card: c.id, x: Math.round(x), y: Math.round(y) });
    });
    b.addEventListener("click", () => {
      if (b.__dragged) { b.__dragged = false; return; }
      tap(c);
    });
    b.addEventListener("keydown", (e) => {
      const step = { ArrowLeft: [-10, 0], ArrowRight: [10, 0], ArrowUp: [0, -10], ArrowDown: [0, 10] }[e.key];
      if (!step || !data.editable || !box.classList.contains("wide")) return;
      e.preventDefault();
      const [x, y] = data.placed[c.id] || place(c.id, 0);
      data.placed[c.id] = [Math.max(0, Math.min(W - CW, x + step[0])), Math.max(0, Math.min(H - CH, y + step[1]))];
      b.style.left = (data.placed[c.id][0] / W) * 100 + "%";
      b.style.top = (data.placed[c.id][1] / H) * 100 + "%";
      lines();
      clearTimeout(b.__timer);
      b.__timer = setTimeout(() => send("move", { card: c.id, x: data.placed[c.id][0], y: data.placed[c.id][1] }), 500);
    });
  };

  // --- the links: lines on the surface, and a list that a keyboard or a screen reader uses ---
  const list = el("ul", "links");
  list.setAttribute("aria-label", L.links);
  const lines = () => {
    svg.replaceChildren();
    const r = surface.getBoundingClientRect();
    svg.setAttribute("viewBox", `0 0 ${r.width} ${r.height}`);
    data.links.forEach((l) => {
      const a = nodes[l.uc], b = nodes[l.data];
      if (!a || !b) return;
      const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
      const x1 = ra.left + ra.width / 2 - r.left, y1 = ra.top + ra.height / 2 - r.top;
      const x2 = rb.left + rb.width / 2 - r.left, y2 = rb.top + rb.height / 2 - r.top;
      for (const cls of ["hit", "wire" + (st.selected === l.uc ? " on" : "")]) {
        const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
        line.setAttribute("x1", x1); line.setAttribute("y1", y1);
        line.setAttribute("x2", x2); line.setAttribute("y2", y2);
        line.setAttribute("class", cls);
        if (l.width) line.style.strokeWidth = String(Math.min(2 + l.width, 10));
        line.onclick = () => send("select", { uc: l.uc, data: l.data });
        svg.appendChild(line);
      }
    });
  };
  data.links.forEach((l) => {
    const li = el("li");
    const b = el("button", "link");
    b.type = "button";
    b.dataset.link = l.uc + "|" + l.data;
    b.appendChild(el("span", "", (byId[l.uc] || { title: l.uc }).title + " → " + (byId[l.data] || { title: l.data }).title));
    if (l.note) b.appendChild(el("span", "note", " — " + l.note));
    if (l.width) b.appendChild(el("span", "count", " ×" + l.width));
    b.onclick = () => send("select", { uc: l.uc, data: l.data });
    li.appendChild(b);
    list.appendChild(li);
  });
  box.appendChild(el("h4", "", L.links + " (" + data.links.length + ")"));
  box.appendChild(data.links.length ? list : el("p", "empty", L.no_links));

  const draw = () => {
    const had = ((root.activeElement || document.activeElement || {}).dataset || {}).card;
    const wide = host.getBoundingClientRect().width >= 700 || data.wide;
    box.classList.toggle("wide", wide);
    Object.values(nodes).forEach((n) => n.remove());
    Object.keys(nodes).forEach((k) => delete nodes[k]);
    ucsShown.forEach((c, i) => card(byId[c.id], i));
    data.data.forEach((c, i) => card(byId[c.id], i));
    hint.textContent = st.selected ? L.pick_data.replace("{title}", byId[st.selected].title) : L.pick_uc;
    if (had && nodes[had]) nodes[had].focus();
    requestAnimationFrame(lines);
  };
  draw();
  const again = focused.card
    ? nodes[focused.card]
    : focused.link && box.querySelector(`[data-link="${CSS.escape(focused.link)}"]`);
  if (again) again.focus();
  // A phone turned, a window resized: wide or narrow layout again (the width only).
  root.__redraw = draw;
  root.__width = host.getBoundingClientRect().width;
  if (!root.__resize) {
    root.__resize = new ResizeObserver(() => {
      const w = host.getBoundingClientRect().width;
      if (Math.abs(w - root.__width) < 2) return;
      root.__width = w;
      root.__redraw();
    });
    root.__resize.observe(host);
  }
}

function readData(raw) {
  if (raw instanceof Uint8Array || raw instanceof ArrayBuffer) return JSON.parse(new TextDecoder().decode(raw));
  return typeof raw === "string" ? JSON.parse(raw) : raw;
}
