/**
 * CPU time (user + system) of process trees from /proc, by kind of process: which of Chromium's
 * processes (renderer, GPU, network, the browser process that runs IndexedDB), the Next server,
 * PostgreSQL spent the time of a measured window. Linux only; empty elsewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Proc {
  pid: number;
  ppid: number;
  ms: number;
  kind: string;
}

function readProcs(): Proc[] {
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const out: Proc[] = [];
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split(/\0| /); // Chromium rewrites its argv into one string
      const type = cmd.find((a) => a.startsWith('--type='))?.slice(7);
      const utility = cmd.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
      const exe = cmd[0]?.split('/').at(-1) ?? '?';
      const kind = exe.includes('chrom') ? `chromium ${utility ?? type ?? 'browser'}` : exe === 'postgres' || exe.startsWith('postgres:') ? 'postgres' : cmd.some((a) => a.includes('next-server') || a.includes('next/dist')) ? 'next-server' : exe.startsWith('next-server') ? 'next-server' : exe;
      out.push({ pid: Number(p), ppid: Number(rest[1]), ms: (Number(rest[11]) + Number(rest[12])) * TICK_MS, kind });
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Processes under the given roots (inclusive). */
function treeOf(procs: Proc[], roots: number[]): Proc[] {
  const keep = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) if (!keep.has(p.pid) && keep.has(p.ppid)) (keep.add(p.pid), (grew = true));
  }
  return procs.filter((p) => keep.has(p.pid));
}

/** Starts a window; the returned function gives CPU ms per kind of process since then. */
export function cpuWindow(roots: () => number[]): () => Record<string, number> {
  const before = new Map(readProcs().map((p) => [p.pid, p.ms]));
  return () => {
    const out: Record<string, number> = {};
    for (const p of treeOf(readProcs(), roots())) out[p.kind] = (out[p.kind] ?? 0) + p.ms - (before.get(p.pid) ?? 0);
    return out;
  };
}
