/**
 * Summarises a V8 .cpuprofile (bench/lib/field.ts, BENCH_PROFILE=...): self time by function and
 * by script, heaviest first. Usage: `node --import tsx bench/lib/profile-summary.ts file [top]`.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
const [file, topArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
const fn = new Map<string, number>();
const script = new Map<string, number>();
for (const [id, ms] of self) {
  const f = byId.get(id)!.callFrame;
  const url = f.url.replace(/^.*\/_next\//, '');
  const k = `${f.functionName || '(anon)'} ${url}:${f.lineNumber}:${f.columnNumber}`;
  fn.set(k, (fn.get(k) ?? 0) + ms);
  script.set(url || '(native)', (script.get(url || '(native)') ?? 0) + ms);
}
const top = Number(topArg ?? 40);
const show = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`).join('\n');
console.log('self time by script:\n' + show(script) + '\n\nself time by function:\n' + show(fn));
