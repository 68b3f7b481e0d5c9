/**
 * What a V8 heap snapshot (`.heapsnapshot`, e.g. from memory-sampler-preload.ts's SIGTTIN) is made of: self size by
 * node type, by type + constructor name, and the largest single objects with the chain of what holds them.
 *
 *   node --max-old-space-size=6000 -r @marketplace/ts-register bench/lib/summarize-heap-snapshot.ts <file> [top=25]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
    node_count: number;
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

const MIB = 1024 * 1024;

function summarize(path: string, top: number): void {
  const heap = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  const { meta } = heap.snapshot;
  const nodeWidth = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const field = (name: string) => meta.node_fields.indexOf(name);
  const [TYPE, NAME, SELF, EDGES] = [field('type'), field('name'), field('self_size'), field('edge_count')];
  const [EDGE_TYPE, EDGE_NAME, EDGE_TO] = ['type', 'name_or_index', 'to_node'].map((name) =>
    meta.edge_fields.indexOf(name),
  ) as [number, number, number];
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = heap;
  const count = nodes.length / nodeWidth;

  const byType = new Map<string, number>();
  const byName = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let n = 0; n < count; n += 1) {
    const base = n * nodeWidth;
    const type = nodeTypes[nodes[base + TYPE]!]!;
    const size = nodes[base + SELF]!;
    total += size;
    byType.set(type, (byType.get(type) ?? 0) + size);
    const key = groupName(type, strings[nodes[base + NAME]!]!);
    const entry = byName.get(key) ?? { size: 0, count: 0 };
    entry.size += size;
    entry.count += 1;
    byName.set(key, entry);
  }

  // The first strong retainer of every node, for the chains of the largest objects.
  const retainer = new Int32Array(count).fill(-1);
  const retainerEdge = new Int32Array(count).fill(-1);
  for (let n = 0, edge = 0; n < count; n += 1) {
    const edgeCount = nodes[n * nodeWidth + EDGES]!;
    for (let e = 0; e < edgeCount; e += 1, edge += edgeWidth) {
      if (edgeTypes[edges[edge + EDGE_TYPE]!] === 'weak') continue;
      const to = edges[edge + EDGE_TO]! / nodeWidth;
      if (retainer[to] === -1) {
        retainer[to] = n;
        retainerEdge[to] = edge;
      }
    }
  }
  const describe = (n: number) => {
    const base = n * nodeWidth;
    const name = strings[nodes[base + NAME]!]!.slice(0, 60).replace(/\s+/g, ' ');
    return `${nodeTypes[nodes[base + TYPE]!]} ${name}`;
  };
  const chainOf = (n: number) => {
    const links: string[] = [];
    for (let at = n, depth = 0; retainer[at]! >= 0 && depth < 6; depth += 1) {
      const edge = retainerEdge[at]!;
      const edgeType = edgeTypes[edges[edge + EDGE_TYPE]!];
      const edgeName =
        edgeType === 'element' || edgeType === 'hidden'
          ? `[${edges[edge + EDGE_NAME]}]`
          : `.${strings[edges[edge + EDGE_NAME]!]}`;
      at = retainer[at]!;
      links.push(`${edgeName} of ${describe(at)}`);
    }
    return links.join(' ← ');
  };
  const largest = Array.from({ length: count }, (_, n) => n)
    .sort((a, b) => nodes[b * nodeWidth + SELF]! - nodes[a * nodeWidth + SELF]!)
    .slice(0, top);

  const mib = (bytes: number) => (bytes / MIB).toFixed(1).padStart(7);
  console.log(`${path}: ${count} nodes, ${mib(total).trim()} MiB self size in all`);
  console.log('\nby node type (MiB):');
  for (const [type, size] of [...byType].sort((a, b) => b[1] - a[1])) console.log(`${mib(size)}  ${type}`);
  console.log(`\ntop ${top} by type and constructor (MiB, count):`);
  for (const [key, { size, count: n }] of [...byName].sort((a, b) => b[1].size - a[1].size).slice(0, top))
    console.log(`${mib(size)}  ${String(n).padStart(8)}  ${key}`);
  console.log(`\nlargest ${top} objects (MiB) and what holds them:`);
  for (const n of largest)
    console.log(`${mib(nodes[n * nodeWidth + SELF]!)}  ${describe(n)}  ← ${chainOf(n)}`);
}

/** Objects and closures by constructor or function name; strings, code and arrays as one group per type. */
function groupName(type: string, name: string): string {
  if (type === 'object' || type === 'closure' || type === 'native' || type === 'hidden')
    return `${type} ${name.slice(0, 80)}`;
  if (type === 'code') return `code ${name.startsWith('(') ? name.slice(0, 40) : '(functions)'}`;
  return type;
}

const [path, top] = process.argv.slice(2);
if (!path) {
  console.error('usage: summarize-heap-snapshot.ts <file.heapsnapshot> [top]');
  process.exitCode = 1;
} else {
  summarize(path, Number(top ?? 25));
}
