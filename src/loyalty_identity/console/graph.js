// The merge graph as a small SVG: one box per customer, one arrow per merge record, from the customer
// merged away (the victim) to the one it was merged into (the survivor), labelled with the identifier
// type that triggered it (or "explicit" for MergeCustomers) and its date. Undone merges are dashed.
// Victims stand one column left of their survivors, so the person as it is now ends on the right.

import { s } from "./dom.js";
import { enumLabel, shortName } from "./format.js";

const NODE_W = 150;
const NODE_H = 46;
const GAP_X = 220;
const STRAIGHT = 150; // the straight start of an arrow, under its label
const GAP_Y = 26;
const PAD = 16;

function columns(names, merges) {
  const survivorsOf = new Map();
  for (const merge of merges) {
    if (!survivorsOf.has(merge.victim)) survivorsOf.set(merge.victim, []);
    survivorsOf.get(merge.victim).push(merge.survivor);
  }
  const column = new Map();
  const depth = (name, visiting) => {
    if (column.has(name)) return column.get(name);
    if (visiting.has(name)) return 0; // a cycle (merged, undone, merged the other way): ignore the edge
    visiting.add(name);
    let d = 0;
    for (const survivor of survivorsOf.get(name) ?? []) d = Math.max(d, depth(survivor, visiting) + 1);
    visiting.delete(name);
    column.set(name, d);
    return d;
  };
  for (const name of names) depth(name, new Set());
  return column;
}

/** An <svg> drawing `merges` (Merge messages) around the customer `current`. */
export function mergeGraph(merges, current) {
  const ordered = [...merges].sort((a, b) => (a.createTime ?? "").localeCompare(b.createTime ?? ""));
  const names = [current];
  for (const merge of ordered) {
    for (const name of [merge.survivor, merge.victim]) if (!names.includes(name)) names.push(name);
  }
  const column = columns(names, ordered);
  const maxColumn = Math.max(0, ...column.values());
  const rowsUsed = new Map();
  const place = new Map();
  for (const name of names) {
    const col = column.get(name) ?? 0;
    const row = rowsUsed.get(col) ?? 0;
    rowsUsed.set(col, row + 1);
    place.set(name, { x: PAD + (maxColumn - col) * (NODE_W + GAP_X), y: PAD + row * (NODE_H + GAP_Y) });
  }
  const rows = Math.max(1, ...rowsUsed.values());
  const width = PAD * 2 + (maxColumn + 1) * NODE_W + maxColumn * GAP_X;
  const height = PAD * 2 + rows * NODE_H + (rows - 1) * GAP_Y + 14;

  const marker = (id) =>
    s(
      "marker",
      { id, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse" },
      s("path", { d: "M0,0 L10,5 L0,10 z", class: `${id}-head` }),
    );
  const svg = s(
    "svg",
    {
      class: "merge-graph",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: "group",
      "aria-label": "Merge graph: arrows go from the customer merged away to the customer it was merged into",
    },
    s("defs", {}, marker("arrow"), marker("arrow-undone")),
  );

  const pairCount = new Map();
  for (const merge of ordered) {
    const from = place.get(merge.victim);
    const to = place.get(merge.survivor);
    const pair = `${merge.victim}>${merge.survivor}`;
    const index = pairCount.get(pair) ?? 0;
    pairCount.set(pair, index + 1);
    const offset = index * 10;
    const undone = Boolean(merge.unmergeTime);
    const x1 = from.x + NODE_W;
    const y1 = from.y + NODE_H / 2 + offset;
    let x2 = to.x;
    const y2 = to.y + NODE_H / 2 + offset;
    let path;
    if (x2 > x1) {
      // Straight out of the victim under its label, then a curve to the survivor.
      const run = x1 + STRAIGHT;
      const mid = (run + x2) / 2;
      path = `M${x1},${y1} H${run} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
    } else {
      x2 = to.x + NODE_W; // same column (a cycle): loop around on the right
      path = `M${x1},${y1} C${x1 + 60},${y1} ${x2 + 60},${y2} ${x2},${y2}`;
    }
    const trigger = merge.trigger?.type ? enumLabel(merge.trigger.type) : "explicit";
    const label = `${trigger} · ${(merge.createTime ?? "").slice(0, 10)}`;
    // The label sits just after the victim, above its arrow: victims have rows of their own, so no two overlap.
    const labelX = x1 + 10;
    const labelY = y1 - 7;
    svg.append(
      s(
        "g",
        { class: undone ? "edge undone" : "edge", "data-merge": merge.name },
        s(
          "title",
          {},
          `${merge.name}: ${merge.victim} merged into ${merge.survivor} by ${trigger}` +
            (undone ? `, undone ${merge.unmergeTime}` : ""),
        ),
        s("path", { d: path, "marker-end": undone ? "url(#arrow-undone)" : "url(#arrow)" }),
        s("text", { x: labelX, y: labelY }, label),
        undone ? s("text", { x: labelX, y: y1 + 15, class: "undone-label" }, "undone") : "",
      ),
    );
  }

  for (const name of names) {
    const { x, y } = place.get(name);
    const isCurrent = name === current;
    svg.append(
      s(
        "a",
        { href: `#/${name}`, class: isCurrent ? "node current" : "node", "data-customer": name },
        s("title", {}, isCurrent ? `${name} (this customer)` : name),
        s("rect", { x, y, width: NODE_W, height: NODE_H, rx: 6 }),
        s("text", { x: x + NODE_W / 2, y: y + 19, "text-anchor": "middle", class: "node-id" }, shortName(name)),
        s(
          "text",
          { x: x + NODE_W / 2, y: y + 36, "text-anchor": "middle", class: "node-note" },
          isCurrent ? "this customer" : "customer",
        ),
      ),
    );
  }
  return svg;
}
