'use client';
import { useEffect, useRef, useState } from 'react';
import type * as CesiumNs from 'cesium';
import { createWidget, loadCesium, type Cesium } from './cesium';
import { mark } from './test-hook';

/** Mounts a CesiumWidget into the returned ref's element once; destroys it on unmount. */
export function useCesiumWidget() {
  const ref = useRef<HTMLDivElement | null>(null);
  const [state, setState] = useState<{ C: Cesium; widget: CesiumNs.CesiumWidget } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let widget: CesiumNs.CesiumWidget | null = null;
    let cancelled = false;
    loadCesium()
      .then((C) => {
        mark('cesium');
        if (cancelled || !ref.current) return;
        widget = createWidget(C, ref.current);
        mark('widget');
        setState({ C, widget });
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      if (widget && !widget.isDestroyed()) widget.destroy();
    };
  }, []);
  return { ref, cesium: state, error };
}

/** Resolves after the next frame Cesium renders (the scene renders on demand). */
export function nextFrame(scene: CesiumNs.Scene): Promise<void> {
  return new Promise((resolve) => {
    const off = scene.postRender.addEventListener(() => {
      off();
      resolve();
    });
    scene.requestRender();
  });
}
