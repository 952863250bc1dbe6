'use client';
import type * as CesiumNs from 'cesium';
import type { SceneData } from '@linli/db';
import type { Cesium } from './cesium';
import { addSceneEntities } from './scene-entities';
import { mark } from './test-hook';
import { SELECTED, occupancyColor, stateColor, useColor, type ColorMode } from './colors';

export type Picked =
  | { type: 'building'; code: string; address?: string }
  | { type: 'household'; address: string; building: string }
  | { type: 'device'; id: string }
  | { type: 'facility'; code: string }
  | { type: 'case'; id: string };

type Feature = CesiumNs.Cesium3DTileFeature;

/**
 * The imperative half of the community scene: Cesium objects for one community. React owns the
 * UI state and calls in; nothing here fetches. Layers are CustomDataSources named `ground`,
 * `footprints`, `facility:<kind>`, `device:<kind>` and `case:<kind>` so panels can toggle them by name.
 */
export class CommunityController {
  private tileset: CesiumNs.Cesium3DTileset | null = null;
  private contents = new Set<CesiumNs.Cesium3DTileContent>();
  private layers = new Map<string, CesiumNs.CustomDataSource>();
  private selectedFeature: Feature | null = null;
  private data: SceneData | null = null;
  private colorMode: ColorMode = 'occupancy';
  private onlyAlarms = false;
  private generation = 0;
  selected: string | null = null;

  constructor(
    readonly C: Cesium,
    readonly widget: CesiumNs.CesiumWidget,
  ) {}

  get scene() {
    return this.widget.scene;
  }

  /** Features of the loaded tile contents. */
  get featureCount(): number {
    let n = 0;
    for (const c of this.contents) n += c.featuresLength;
    return n;
  }

  get buildingCodes(): string[] {
    return this.data?.buildings.map((b) => b.code) ?? [];
  }

  get entityCount(): number {
    let n = 0;
    for (const ds of this.layers.values()) if (ds.show) n += ds.entities.values.filter((e) => e.show).length;
    return n;
  }

  private occupancyOf(code: string): number | null {
    const b = this.data?.buildings.find((x) => x.code === code);
    return b && b.households > 0 ? b.occupied / b.households : null;
  }

  private colorFor(f: Feature): CesiumNs.Color {
    const C = this.C;
    const kind = String(f.getProperty('kind') ?? '');
    if (kind === 'stair') return C.Color.fromCssColorString(stateColor('stair'));
    const css =
      this.colorMode === 'use'
        ? useColor(String(f.getProperty('use') ?? ''))
        : this.colorMode === 'state' && kind === 'household'
          ? stateColor(String(f.getProperty('state') ?? ''))
          : kind === 'household'
            ? occupancyColor(['occupied', 'rented'].includes(String(f.getProperty('state'))) ? 1 : String(f.getProperty('state')) === 'vacant' ? 0 : null)
            : occupancyColor(this.occupancyOf(String(f.getProperty(kind === 'building' ? 'code' : 'building') ?? '')));
    return C.Color.fromCssColorString(css);
  }

  private paint(f: Feature) {
    f.color = this.selectedFeature === f ? this.C.Color.fromCssColorString(SELECTED) : this.colorFor(f);
  }

  private forEachFeature(fn: (f: Feature) => void) {
    for (const c of this.contents) for (let i = 0; i < c.featuresLength; i++) fn(c.getFeature(i));
  }

  setColorMode(mode: ColorMode) {
    this.colorMode = mode;
    this.forEachFeature((f) => this.paint(f));
    this.scene.requestRender();
  }

  /** Ground, footprints (CIM1), facilities, devices and open cases from the scene data. */
  async setData(data: SceneData) {
    const C = this.C;
    this.data = data;
    const keep = new Map<string, boolean>();
    for (const [name, ds] of this.layers) {
      keep.set(name, ds.show);
      await this.widget.dataSources.remove(ds, true);
    }
    this.layers.clear();
    const layer = (name: string) => {
      let ds = this.layers.get(name);
      if (!ds) {
        ds = new C.CustomDataSource(name);
        ds.show = keep.get(name) ?? true;
        this.layers.set(name, ds);
      }
      return ds;
    };

    addSceneEntities(C, data, layer);
    for (const ds of this.layers.values()) await this.widget.dataSources.add(ds);
    this.applyAlarmFilter();
    this.scene.requestRender();
  }

  setLayer(name: string, show: boolean) {
    const ds = this.layers.get(name);
    if (ds) ds.show = show;
    this.scene.requestRender();
  }

  layerShown(name: string) {
    return this.layers.get(name)?.show ?? false;
  }

  setOnlyAlarms(only: boolean) {
    this.onlyAlarms = only;
    this.applyAlarmFilter();
    this.scene.requestRender();
  }

  private applyAlarmFilter() {
    const alarmed = new Set((this.data?.devices ?? []).filter((d) => d.openAlarms > 0).map((d) => `device:${d.id}`));
    for (const [name, ds] of this.layers) {
      if (!name.startsWith('device:')) continue;
      for (const e of ds.entities.values) e.show = !this.onlyAlarms || alarmed.has(e.id);
    }
  }

  /**
   * Swaps the building model for the level's tileset (none at CIM1). Resolves once the tiles
   * in view are loaded, so the caller can wait for the first frame with the model.
   */
  async setModel(url: string | null): Promise<void> {
    const C = this.C;
    const gen = ++this.generation;
    if (this.tileset) {
      this.scene.primitives.remove(this.tileset);
      this.tileset = null;
    }
    this.contents.clear();
    this.selectedFeature = null;
    if (!url) {
      this.scene.requestRender();
      return;
    }
    const tileset = await C.Cesium3DTileset.fromUrl(url, { maximumScreenSpaceError: 8 });
    if (gen !== this.generation) {
      tileset.destroy();
      return;
    }
    mark('tileset');
    tileset.tileLoad.addEventListener((tile: CesiumNs.Cesium3DTile) => {
      if (this.contents.size === 0) mark('first-tile');
      this.contents.add(tile.content);
      for (let i = 0; i < tile.content.featuresLength; i++) this.paint(tile.content.getFeature(i));
    });
    tileset.tileUnload.addEventListener((tile: CesiumNs.Cesium3DTile) => {
      this.contents.delete(tile.content);
    });
    const loaded = new Promise<void>((resolve) => {
      const off = tileset.allTilesLoaded.addEventListener(() => {
        off();
        resolve();
      });
    });
    this.tileset = tileset;
    this.scene.primitives.add(tileset);
    this.scene.requestRender();
    await loaded;
  }

  /** The camera over the whole community (boundary, else buildings). */
  home(duration = 0) {
    const C = this.C;
    const data = this.data;
    if (!data) return;
    const pts = (data.site.boundary.length >= 3 ? data.site.boundary : data.buildings.flatMap((b) => b.footprint)).map(([x, y]) =>
      C.Cartesian3.fromDegrees(x, y, data.origin.height),
    );
    if (pts.length === 0) pts.push(C.Cartesian3.fromDegrees(data.origin.lng, data.origin.lat, data.origin.height));
    const sphere = C.BoundingSphere.fromPoints(pts);
    const tallest = Math.max(0, ...data.buildings.map((b) => b.height));
    const range = Math.max(sphere.radius * 2.6, tallest * 3, 150);
    this.scene.camera.flyToBoundingSphere(sphere, { offset: new C.HeadingPitchRange(C.Math.toRadians(20), C.Math.toRadians(-38), range), duration });
    this.scene.requestRender();
  }

  flyTo(p: { lng: number; lat: number; height: number; top: number; kind: string }) {
    const C = this.C;
    const centre = C.Cartesian3.fromDegrees(p.lng, p.lat, p.height);
    const range = p.kind === 'building' || p.kind === 'unit' ? Math.max(p.top - (this.data?.origin.height ?? 0), 20) * 2.5 + 60 : 45;
    this.scene.camera.flyToBoundingSphere(new C.BoundingSphere(centre, 5), { offset: new C.HeadingPitchRange(C.Math.toRadians(20), C.Math.toRadians(-25), range), duration: 1.2 });
    this.scene.requestRender();
  }

  /** Highlights the loaded feature with this address (a household, floor or building). */
  highlight(address: string | null) {
    const prev = this.selectedFeature;
    this.selectedFeature = null;
    this.selected = address;
    if (prev) this.paint(prev);
    if (address) {
      this.forEachFeature((f) => {
        if (!this.selectedFeature && String(f.getProperty('address')) === address && f.getProperty('kind') !== 'stair') this.selectedFeature = f;
      });
      if (this.selectedFeature) this.paint(this.selectedFeature);
    }
    this.scene.requestRender();
  }

  pick(x: number, y: number): Picked | null {
    const C = this.C;
    const at = new C.Cartesian2(x, y);
    // Case pins sit among device points; a click on one means the case, not what lies under it.
    const pinned = this.scene.drillPick(at, 4).find((h) => (h as { id?: unknown }).id instanceof C.Entity && ((h as { id: CesiumNs.Entity }).id.id.startsWith('case:')));
    if (pinned) return { type: 'case', id: (pinned as { id: CesiumNs.Entity }).id.id.slice('case:'.length) };
    const obj = this.scene.pick(at);
    if (!obj) return null;
    if (obj instanceof C.Cesium3DTileFeature) {
      const kind = String(obj.getProperty('kind') ?? '');
      const address = String(obj.getProperty('address') ?? '');
      if (kind === 'household') return { type: 'household', address, building: String(obj.getProperty('building') ?? '') };
      if (kind === 'building') return { type: 'building', code: String(obj.getProperty('code') ?? ''), address };
      return { type: 'building', code: String(obj.getProperty('building') ?? ''), address };
    }
    const id = (obj as { id?: unknown }).id;
    if (id instanceof C.Entity) {
      const [type, ...rest] = id.id.split(':');
      const key = rest.join(':');
      if (type === 'building' || type === 'label') return { type: 'building', code: key };
      if (type === 'device') return { type: 'device', id: key };
      if (type === 'facility') return { type: 'facility', code: key };
      if (type === 'case') return { type: 'case', id: key };
    }
    return null;
  }

  /** Screen position of a building's centre at mid-height (test hook, keyboard focus). */
  project(code: string): { x: number; y: number } | null {
    const C = this.C;
    const b = this.data?.buildings.find((x) => x.code === code);
    if (!b || !this.data) return null;
    const h = this.data.level === 1 ? 0.5 : Math.max(b.height / 2, 1);
    const p = C.SceneTransforms.worldToWindowCoordinates(this.scene, C.Cartesian3.fromDegrees(b.lng, b.lat, this.data.origin.height + h));
    return p ? { x: p.x, y: p.y } : null;
  }

  /** Ids of the hazard cases pinned on the scene. */
  get caseIds(): string[] {
    return (this.data?.cases ?? []).map((c) => c.id).filter((id) => [...this.layers.values()].some((ds) => ds.entities.getById(`case:${id}`)));
  }

  /** Screen position of an entity (a case pin, a device) by its id, if it is drawn and shown. */
  projectEntity(id: string): { x: number; y: number } | null {
    const C = this.C;
    for (const ds of this.layers.values()) {
      const e = ds.entities.getById(id);
      if (!e || !ds.show) continue;
      const at = e.position?.getValue(C.JulianDate.now());
      const p = at ? C.SceneTransforms.worldToWindowCoordinates(this.scene, at) : undefined;
      return p ? { x: p.x, y: p.y } : null;
    }
    return null;
  }

  /** Whether everything drawn asynchronously (entity geometry, globe tiles) is in place. */
  get settled(): boolean {
    return this.widget.dataSourceDisplay.ready && this.scene.globe.tilesLoaded;
  }

  destroy() {
    this.generation++;
    if (!this.widget.isDestroyed()) this.widget.destroy();
  }
}
