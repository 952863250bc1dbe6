'use client';
import type * as CesiumNs from 'cesium';

export type Cesium = typeof CesiumNs;

declare global {
  interface Window {
    CESIUM_BASE_URL?: string;
  }
}

let loading: Promise<Cesium> | null = null;

/**
 * CesiumJS, loaded only by the scene pages (it is several MB): the base URL must be set before
 * the module evaluates so workers and assets come from /cesium on our own origin. No Cesium ion:
 * the token is emptied and nothing below asks ion for imagery, terrain or geocoding.
 */
export function loadCesium(): Promise<Cesium> {
  if (!loading) {
    window.CESIUM_BASE_URL = '/cesium';
    loading = import('cesium').then((mod) => {
      const C = ((mod as unknown as { default?: Cesium }).default ?? mod) as Cesium;
      C.Ion.defaultAccessToken = '';
      return C;
    });
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/**
 * A globe with offline imagery (Natural Earth II shipped with Cesium) and the plain ellipsoid as
 * terrain: zero external requests. Render on demand: on a 2-core server with software WebGL a
 * continuous 60 fps loop would burn a core for a picture that does not change.
 */
export function createWidget(C: Cesium, container: HTMLElement): CesiumNs.CesiumWidget {
  const widget = new C.CesiumWidget(container, {
    baseLayer: C.ImageryLayer.fromProviderAsync(C.TileMapServiceImageryProvider.fromUrl(C.buildModuleUrl('Assets/Textures/NaturalEarthII'))),
    terrainProvider: new C.EllipsoidTerrainProvider(),
    skyBox: false,
    skyAtmosphere: false,
    scene3DOnly: true,
    requestRenderMode: true,
    maximumRenderTimeChange: Infinity,
    msaaSamples: 1,
    // Keep the drawing buffer so screenshots and the e2e pixel checks read the real frame.
    contextOptions: { webgl: { preserveDrawingBuffer: true } },
  });
  widget.scene.globe.baseColor = C.Color.fromCssColorString('#dfe6dc');
  widget.scene.backgroundColor = C.Color.fromCssColorString('#cfd8e3');
  widget.scene.globe.depthTestAgainstTerrain = false;
  widget.scene.globe.showGroundAtmosphere = false;
  return widget;
}
