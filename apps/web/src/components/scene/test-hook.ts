/** What the scene exposes for the e2e tests and the render benchmark (read-only facts). */
export interface SceneHook {
  kind: 'community' | 'district';
  level: number;
  /** Pickable model features loaded from the tileset(s) right now. */
  features: number;
  /** Entities (footprints, ground, facilities, devices, labels) currently shown. */
  entities: number;
  primitives: number;
  /** Screen position (CSS px, relative to the canvas) of a building's (or community's) centre. */
  project: (code: string) => { x: number; y: number } | null;
  /** Screen position of an open hazard case's pin (community scene). */
  projectCase?: (id: string) => { x: number; y: number } | null;
  /** Ids of the open hazard cases pinned on the community scene. */
  caseIds?: string[];
  /** What a click at this canvas position would pick (same as the click handler). */
  pick?: (x: number, y: number) => unknown;
  selected: string | null;
  /** Building codes (community) or community slugs (district) that `project` accepts. */
  codes: string[];
}

declare global {
  interface Window {
    __linliScene?: SceneHook;
    /** Set once, when the first frame with the model has been rendered: ms since navigation start. */
    __linliSceneReady?: { ms: number; level: number; features: number };
  }
}

export function markReady(level: number, features: number) {
  if (window.__linliSceneReady) return;
  window.__linliSceneReady = { ms: Math.round(performance.now()), level, features };
}

export function resetReady() {
  delete window.__linliSceneReady;
}

/** Named stages of the scene load (performance marks): the benchmark prints where time goes. */
export function mark(stage: string) {
  try {
    performance.mark(`scene:${stage}`);
  } catch {
    // Marks are diagnostics only.
  }
}
